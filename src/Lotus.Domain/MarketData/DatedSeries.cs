namespace Lotus.Domain.MarketData;

/// <summary>An immutable series sorted by date; one value per date (a later duplicate wins).</summary>
internal sealed class DatedSeries<T>
{
    private readonly DateOnly[] _dates;
    private readonly T[] _values;

    public DatedSeries(List<(DateOnly Date, T Value)> items)
    {
        // Stable sort keeps input order among equal dates, so the last one supplied wins below.
        var ordered = items.Select((item, index) => (item.Date, item.Value, index))
            .OrderBy(x => x.Date).ThenBy(x => x.index).ToList();
        var dates = new List<DateOnly>(ordered.Count);
        var values = new List<T>(ordered.Count);
        foreach (var (date, value, _) in ordered)
        {
            if (dates.Count > 0 && dates[^1] == date)
            {
                values[^1] = value;
                continue;
            }

            dates.Add(date);
            values.Add(value);
        }

        _dates = [.. dates];
        _values = [.. values];
    }

    public bool TryGetLatestOnOrBefore(DateOnly date, out T value)
    {
        var lo = 0;
        var hi = _dates.Length - 1;
        var found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (_dates[mid] <= date)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        if (found < 0)
        {
            value = default!;
            return false;
        }

        value = _values[found];
        return true;
    }
}
