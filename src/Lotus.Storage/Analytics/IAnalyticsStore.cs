namespace Lotus.Storage.Analytics;

/// <summary>
/// Reads of the RFC-063 analytics families, always at a pinned data version so that every page of a
/// traversal (and a stream) sees the same rows. Rows come in keyset order and are streamed: callers
/// consume them as they arrive.
/// </summary>
public interface IAnalyticsStore
{
    Task<AnalyticsPortfolio?> GetPortfolioAsync(string portfolioId, CancellationToken cancellationToken);

    /// <summary>
    /// The newest data version known on <paramref name="asOfDate"/> (business_date_known &lt;= as_of_date,
    /// CALCULATORS-DESIGN "Data versions"); when none was known yet, the portfolio's first version (a
    /// history loaded after the fact is first known then: without this every back-loaded history would be
    /// empty for past as_of dates); 0 when the portfolio has never been calculated.
    /// </summary>
    Task<PinnedVersion> ResolveVersionAsync(string portfolioId, DateOnly asOfDate, CancellationToken cancellationToken);

    /// <summary>The commit time of a version carried by a page token (null when the version is unknown).</summary>
    Task<PinnedVersion?> GetVersionAsync(string portfolioId, long version, CancellationToken cancellationToken);

    /// <summary>Business dates of the calendar in [start, end], ascending.</summary>
    Task<IReadOnlyList<DateOnly>> GetBusinessDatesAsync(string calendarId, DateOnly start, DateOnly end, CancellationToken cancellationToken);

    /// <summary>Portfolio days in [start, end] after <paramref name="after"/>, ascending, at most <paramref name="limit"/> (0 = all).</summary>
    IAsyncEnumerable<PortfolioDayRow> ReadPortfolioDaysAsync(string portfolioId, long version, DateOnly start, DateOnly end, DateOnly? after, int limit, CancellationToken cancellationToken);

    /// <summary>Position days in [start, end] after <paramref name="after"/> in (date, security) order, optionally only <paramref name="securityIds"/>.</summary>
    IAsyncEnumerable<PositionDayRow> ReadPositionDaysAsync(string portfolioId, long version, DateOnly start, DateOnly end, KeysetCursor? after, IReadOnlyCollection<string>? securityIds, int limit, CancellationToken cancellationToken);

    /// <summary>For each (security, date): the latest EOD (local) of that security strictly before the date.</summary>
    Task<IReadOnlyDictionary<string, decimal?>> ReadPriorEodAsync(string portfolioId, long version, IReadOnlyList<(string SecurityId, DateOnly Before)> keys, CancellationToken cancellationToken);

    /// <summary>Cash flows dated in [start, end] (the whole range is small next to the position days).</summary>
    Task<IReadOnlyList<CashFlowRow>> ReadCashFlowsAsync(string portfolioId, long version, DateOnly start, DateOnly end, CancellationToken cancellationToken);

    /// <summary>Diagnostics facts of the whole window (position rows when <paramref name="positions"/>, else portfolio days).</summary>
    Task<WindowSummary> SummarizeAsync(string portfolioId, long version, DateOnly start, DateOnly end, bool positions, IReadOnlyCollection<string>? securityIds, CancellationToken cancellationToken);

    /// <summary>Latest valuation date not after <paramref name="asOfDate"/> with both a portfolio and a position row.</summary>
    Task<DateOnly?> GetPerformanceEndDateAsync(string portfolioId, long version, DateOnly asOfDate, CancellationToken cancellationToken);

    /// <summary>Direct-pair rates from -> to dated in [start - lookback, end] (the pipeline takes the latest on or before a date).</summary>
    Task<IReadOnlyList<FxRateRow>> ReadFxRatesAsync(string fromCurrency, string toCurrency, DateOnly start, DateOnly end, CancellationToken cancellationToken);

    Task<IReadOnlyList<InstrumentRow>> GetInstrumentsAsync(IReadOnlyCollection<string> securityIds, CancellationToken cancellationToken);

    /// <summary>Every instrument the portfolio has position rows for at the version (for dimension filters).</summary>
    Task<IReadOnlyList<InstrumentRow>> GetPortfolioInstrumentsAsync(string portfolioId, long version, CancellationToken cancellationToken);
}
