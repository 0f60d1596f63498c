namespace Lotus.Domain.Timeseries;

/// <summary>Daily portfolio timeseries row, all in portfolio (base) currency, 10 dp (semantics 6.3).</summary>
public sealed record PortfolioTimeseriesRow(
    string PortfolioId,
    DateOnly ValuationDate,
    decimal BeginningMarketValue,
    decimal EndingMarketValue,
    decimal BodCashFlow,
    decimal EodCashFlow,
    decimal Fees);
