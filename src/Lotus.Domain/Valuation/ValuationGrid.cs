namespace Lotus.Domain.Valuation;

/// <summary>Which dates a key gets snapshots for (semantics 6.1, decision D7).</summary>
public static class ValuationGrid
{
    /// <summary>
    /// Business dates in [<paramref name="firstPositionDate"/>, <paramref name="lastDate"/>] plus the key's
    /// own event dates (trade and cashflow dates) in that window; with no business dates at all, every
    /// calendar day of the window. Ascending, distinct.
    /// </summary>
    public static DateOnly[] Build(IEnumerable<DateOnly> businessDates, DateOnly firstPositionDate, DateOnly lastDate, IEnumerable<DateOnly> eventDates)
    {
        ArgumentNullException.ThrowIfNull(businessDates);
        ArgumentNullException.ThrowIfNull(eventDates);
        var set = new SortedSet<DateOnly>();
        var anyBusinessDate = false;
        foreach (var d in businessDates)
        {
            anyBusinessDate = true;
            if (d >= firstPositionDate && d <= lastDate)
            {
                set.Add(d);
            }
        }

        if (!anyBusinessDate)
        {
            for (var d = firstPositionDate; d <= lastDate; d = d.AddDays(1))
            {
                set.Add(d);
            }
        }

        foreach (var d in eventDates)
        {
            if (d >= firstPositionDate && d <= lastDate)
            {
                set.Add(d);
            }
        }

        return [.. set];
    }
}
