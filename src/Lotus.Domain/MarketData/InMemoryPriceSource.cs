using Lotus.Domain.Reference;

namespace Lotus.Domain.MarketData;

/// <summary>Prices held in memory: per security a date-sorted array searched by bisection.</summary>
public sealed class InMemoryPriceSource : IPriceSource
{
    private readonly Dictionary<string, DatedSeries<MarketPrice>> _bySecurity;

    public InMemoryPriceSource(IEnumerable<MarketPrice> prices)
    {
        var groups = new Dictionary<string, List<(DateOnly, MarketPrice)>>(StringComparer.Ordinal);
        foreach (var p in prices)
        {
            if (!groups.TryGetValue(p.SecurityId, out var list))
            {
                list = [];
                groups.Add(p.SecurityId, list);
            }

            list.Add((p.PriceDate, p));
        }

        _bySecurity = new Dictionary<string, DatedSeries<MarketPrice>>(groups.Count, StringComparer.Ordinal);
        foreach (var (security, list) in groups)
        {
            _bySecurity.Add(security, new DatedSeries<MarketPrice>(list));
        }
    }

    public static InMemoryPriceSource Empty { get; } = new([]);

    public bool TryGetLatestOnOrBefore(string securityId, DateOnly date, out MarketPrice price)
    {
        if (_bySecurity.TryGetValue(securityId, out var series))
        {
            return series.TryGetLatestOnOrBefore(date, out price);
        }

        price = null!;
        return false;
    }
}
