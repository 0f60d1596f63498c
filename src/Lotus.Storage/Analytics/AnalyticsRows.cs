namespace Lotus.Storage.Analytics;

/// <summary>Portfolio facts the analytics contracts echo (canonical <c>portfolios</c> row).</summary>
public sealed record AnalyticsPortfolio(
    string PortfolioId,
    string BaseCurrency,
    DateOnly OpenDate,
    DateOnly? CloseDate,
    string CostBasisMethod,
    string? TenantId,
    string? ClientId,
    string? BookingCenterCode,
    string? PortfolioType,
    string? Objective);

/// <summary>
/// The data version a read is pinned to: the newest committed recompute of the portfolio known on the
/// request's as_of_date (0 = nothing known yet), and when it was committed.
/// </summary>
public readonly record struct PinnedVersion(long Version, DateTimeOffset? CommittedAt);

/// <summary>Keyset position of a traversal: rows strictly after (ValuationDate, SecurityId).</summary>
/// <param name="SecurityId">Empty for the portfolio timeseries (one row per date).</param>
public readonly record struct KeysetCursor(DateOnly ValuationDate, string SecurityId);

/// <summary>One calculated portfolio day (base currency; null values where the day could not be valued).</summary>
public sealed record PortfolioDayRow(
    DateOnly ValuationDate,
    decimal? BodMarketValue,
    decimal? EodMarketValue,
    int PositionCount,
    int UnvaluedPositionCount,
    int MaxPriceStalenessDays,
    bool Restated,
    long ValidFrom);

/// <summary>One calculated position day (local = position currency; null values when unvalued).</summary>
public sealed record PositionDayRow(
    string SecurityId,
    DateOnly ValuationDate,
    string PositionCurrency,
    decimal Quantity,
    decimal? BodMarketValueLocal,
    decimal? EodMarketValueLocal,
    decimal? PositionToPortfolioFxRate,
    int PriceStalenessDays,
    string ValuationStatus,
    bool Restated,
    long ValidFrom,
    decimal? MarketValueBase = null,
    decimal? CostBasisBase = null,
    decimal? CostBasisLocal = null,
    decimal? UnrealizedGainLossBase = null);

/// <summary>One cash flow as the calculators classified it (semantics §4).</summary>
public sealed record CashFlowRow(
    string SecurityId,
    string TransactionId,
    DateOnly CashFlowDate,
    decimal Amount,
    string Currency,
    string Classification,
    string Timing,
    bool IsPositionFlow,
    bool IsPortfolioFlow);

/// <summary>A direct FX rate as stored (amount_to = amount_from x rate).</summary>
public sealed record FxRateRow(string FromCurrency, string ToCurrency, DateOnly RateDate, decimal Rate, DateTimeOffset UpdatedAt);

/// <summary>Instrument reference data for enrichment and position dimensions.</summary>
public sealed record InstrumentRow(
    string SecurityId,
    string Currency,
    string? Isin,
    string? AssetClass,
    string? Sector,
    string? CountryOfRisk,
    string? LiquidityTier,
    string? IssuerId,
    string? IssuerName,
    string? UltimateParentIssuerId,
    string? UltimateParentIssuerName);

/// <summary>Whole-window facts for diagnostics (not only the page).</summary>
/// <param name="ObservedDates">Distinct valuation dates with a row, ascending.</param>
/// <param name="StatusCounts">Rows per valuation status.</param>
/// <param name="RowCount">Rows of the whole traversal.</param>
public sealed record WindowSummary(
    IReadOnlyList<DateOnly> ObservedDates,
    IReadOnlyDictionary<string, int> StatusCounts,
    int StalePoints,
    int MaxPriceStalenessDays,
    long RowCount,
    int MaxRowsPerDate = 1);

/// <summary>The contract's valuation_status of a calculated row (RFC-063 §8).</summary>
public static class ValuationStatuses
{
    public const string Final = "final";
    public const string Provisional = "provisional";
    public const string Restated = "restated";

    /// <summary>restated when an earlier version of the row was superseded; provisional when (partly) unvalued; else final.</summary>
    public static string Of(bool restated, bool unvalued) => unvalued ? Provisional : restated ? Restated : Final;
}
