namespace Lotus.Storage.Calculated;

/// <summary>What the cost engine made of one transaction (or why it could not).</summary>
public sealed record CostRow(
    string PortfolioId,
    string SecurityId,
    string TransactionId,
    DateOnly TransactionDate,
    decimal? NetCost,
    decimal? NetCostLocal,
    decimal? GrossCost,
    decimal? RealizedGainLoss,
    decimal? RealizedGainLossLocal,
    decimal? TransactionFxRate,
    string ProcessingStatus,
    string? FailureReason);

/// <summary>The position after one transaction.</summary>
public readonly record struct HistoryRow(
    string PortfolioId, string SecurityId, int Seq, string TransactionId, DateOnly PositionDate, decimal Quantity, decimal CostBasis, decimal CostBasisLocal);

/// <summary>The cashflow of one transaction (codes as on the wire).</summary>
public sealed record CashflowRow(
    string PortfolioId,
    string SecurityId,
    string TransactionId,
    DateOnly TransactionDate,
    DateOnly CashflowDate,
    decimal Amount,
    string Currency,
    string Classification,
    string Timing,
    bool IsPositionFlow,
    bool IsPortfolioFlow,
    string CashFlowType,
    string FlowScope);

/// <summary>A position-day: valuation snapshot plus timeseries row (null timeseries fields with a gap reason when not valued).</summary>
public sealed record PositionDayRow(
    string PortfolioId,
    string SecurityId,
    DateOnly ValuationDate,
    decimal Quantity,
    decimal CostBasis,
    decimal CostBasisLocal,
    decimal? MarketPrice,
    DateOnly? PriceDate,
    decimal? FxRate,
    decimal? MarketValueLocal,
    decimal? MarketValue,
    decimal? UnrealizedGainLoss,
    decimal? UnrealizedGainLossLocal,
    string ValuationStatus,
    string? StatusReason,
    decimal? BodMarketValue,
    decimal? EodMarketValue,
    decimal? BodCashflowPosition,
    decimal? EodCashflowPosition,
    decimal? BodCashflowPortfolio,
    decimal? EodCashflowPortfolio,
    decimal? Fees,
    decimal? AverageCost,
    string? TimeseriesGapReason)
{
    /// <summary>Set by readers: the version that wrote the row (RFC-063 epoch).</summary>
    public long ValidFrom { get; init; }
}

/// <summary>A portfolio-day in base currency; values null with a gap reason when a position is unvalued or FX is missing.</summary>
public sealed record PortfolioDayRow(
    string PortfolioId,
    DateOnly ValuationDate,
    decimal? BodMarketValue,
    decimal? EodMarketValue,
    decimal? BodCashflow,
    decimal? EodCashflow,
    decimal? Fees,
    int PositionCount,
    int UnvaluedPositionCount,
    string? GapReason)
{
    public long ValidFrom { get; init; }
}

/// <summary>Restate a key from a date: its current rows dated on or after it are superseded.</summary>
public readonly record struct KeyRestatement(string PortfolioId, string SecurityId, DateOnly FromDate, long Version);

/// <summary>Restate every key of a portfolio (and its portfolio timeseries) from a date.</summary>
public readonly record struct PortfolioRestatement(string PortfolioId, DateOnly FromDate, long Version);

/// <summary>Everything one batch writes, in one transaction.</summary>
public sealed class CalculatedBatch
{
    /// <summary>New data versions: (portfolio, version).</summary>
    public List<(string PortfolioId, long Version)> Versions { get; } = [];

    public List<KeyRestatement> KeyRestatements { get; } = [];

    /// <summary>Portfolio-wide restatements (all keys and the portfolio timeseries).</summary>
    public List<PortfolioRestatement> PortfolioRestatements { get; } = [];

    /// <summary>Portfolio timeseries restatements (when keys alone were restated).</summary>
    public List<PortfolioRestatement> PortfolioSeriesRestatements { get; } = [];

    public List<(CostRow Row, long Version)> Costs { get; } = [];

    public List<(HistoryRow Row, long Version)> History { get; } = [];

    public List<(CashflowRow Row, long Version)> Cashflows { get; } = [];

    public List<(PositionDayRow Row, long Version)> PositionDays { get; } = [];

    public List<(PortfolioDayRow Row, long Version)> PortfolioDays { get; } = [];

    /// <summary>Events processed per ingestion job, and the first failure seen for it.</summary>
    public Dictionary<string, (int Events, string? Failure)> JobProgress { get; } = new(StringComparer.Ordinal);
}
