using Lotus.Domain.Cashflows;

namespace Lotus.Domain.Timeseries;

/// <summary>
/// Daily position timeseries row, all in position (local) currency (semantics 6.2). Position flows are
/// seen from the position (<see cref="Cashflow.PositionFlowAmount"/>); portfolio flows keep their sign.
/// <see cref="Cost"/> is the average unit cost (cost basis local / quantity, 0 when flat).
/// </summary>
public sealed record PositionTimeseriesRow(
    string PortfolioId,
    string SecurityId,
    DateOnly ValuationDate,
    decimal BeginningMarketValue,
    decimal EndingMarketValue,
    decimal BodCashFlowPosition,
    decimal EodCashFlowPosition,
    decimal BodCashFlowPortfolio,
    decimal EodCashFlowPortfolio,
    decimal Fees,
    decimal Quantity,
    decimal Cost,
    IReadOnlyList<Cashflow> CashFlows);
