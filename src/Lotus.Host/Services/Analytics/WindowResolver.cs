namespace Lotus.Host.Services.Analytics;

/// <summary>An inclusive date range.</summary>
public readonly record struct ResolvedWindow(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly date) => date >= Start && date <= End;
}

/// <summary>
/// Window resolution of the original (contracts §3.2 "Window resolution"): an explicit window's end is
/// clamped to as_of_date and a start after the clamped end is INVALID_REQUEST; periods count back from
/// as_of_date (one_month 31 d, three_months 92 d, ytd Jan 1, one_year 365 d, three_years 1095 d,
/// five_years 1825 d, inception = open date) and their start is clamped to the open date. An explicit
/// window before the open date is not clamped: it resolves and returns no observations (the consumer
/// asks for such chunks, lotus-performance-consumer §1.2).
/// </summary>
public static class WindowResolver
{
    /// <summary>The resolved window, or the description of why the request is invalid (field, message).</summary>
    public static (ResolvedWindow Window, (string Field, string Message)? Error) Resolve(
        DateOnly asOfDate, DateOnly? start, DateOnly? end, string? period, DateOnly openDate)
    {
        if (!string.IsNullOrEmpty(period))
        {
            var periodStart = period switch
            {
                "one_month" => asOfDate.AddDays(-31),
                "three_months" => asOfDate.AddDays(-92),
                "ytd" => new DateOnly(asOfDate.Year, 1, 1),
                "one_year" => asOfDate.AddDays(-365),
                "three_years" => asOfDate.AddDays(-1095),
                "five_years" => asOfDate.AddDays(-1825),
                "inception" => openDate,
                _ => (DateOnly?)null,
            };
            if (periodStart is null)
            {
                return (default, ("period", $"must be one of {string.Join(", ", AnalyticsVocabulary.Periods)}"));
            }

            var clampedStart = periodStart.Value < openDate ? openDate : periodStart.Value;
            return (new ResolvedWindow(clampedStart, asOfDate), null);
        }

        if (start is null || end is null)
        {
            return (default, ("window", "exactly one of window (start_date and end_date) and period is required"));
        }

        if (start.Value > end.Value)
        {
            return (default, ("window.start_date", "must not be after window.end_date"));
        }

        var clampedEnd = end.Value > asOfDate ? asOfDate : end.Value;
        if (start.Value > clampedEnd)
        {
            return (default, ("window.start_date", "is after as_of_date (the window end is clamped to as_of_date)"));
        }

        return (new ResolvedWindow(start.Value, clampedEnd), null);
    }
}
