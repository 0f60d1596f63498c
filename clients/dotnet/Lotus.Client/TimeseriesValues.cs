using Lotus.Core.V1;

namespace Lotus.Client;

/// <summary>A cash flow with its amount as a decimal. Sign: positive = money into the portfolio (position).</summary>
public sealed record CashFlowValue(decimal Amount, string Timing, string CashFlowType, string FlowScope, string SourceClassification);

/// <summary>A portfolio observation with decimals and a DateOnly (reporting currency).</summary>
public sealed record PortfolioObservationValue(
    DateOnly ValuationDate,
    decimal BeginningMarketValue,
    decimal EndingMarketValue,
    string ValuationStatus,
    IReadOnlyList<CashFlowValue> CashFlows);

/// <summary>A position timeseries row with decimals. Cash flows are in position currency.</summary>
public sealed record PositionRowValue(
    string PositionId,
    string SecurityId,
    DateOnly ValuationDate,
    string PositionCurrency,
    decimal PositionToPortfolioFxRate,
    decimal PortfolioToReportingFxRate,
    decimal BeginningMarketValuePositionCurrency,
    decimal EndingMarketValuePositionCurrency,
    decimal BeginningMarketValuePortfolioCurrency,
    decimal EndingMarketValuePortfolioCurrency,
    decimal BeginningMarketValueReportingCurrency,
    decimal EndingMarketValueReportingCurrency,
    decimal Quantity,
    IReadOnlyDictionary<string, string> Dimensions,
    IReadOnlyList<CashFlowValue> CashFlows);

/// <summary>
/// Decimal views of timeseries messages. An empty (unset) amount reads as 0 and an empty FX rate as 1
/// (lotus-performance counts a missing rate as 1, consumer doc §1.4); a malformed one throws FormatException.
/// </summary>
public static class TimeseriesValueExtensions
{
    public static CashFlowValue ToValue(this CashFlowObservation flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return new CashFlowValue(DecimalString.ParseOrDefault(flow.Amount), flow.Timing, flow.CashFlowType, flow.FlowScope, flow.SourceClassification);
    }

    public static PortfolioObservationValue ToValue(this PortfolioObservation observation)
    {
        ArgumentNullException.ThrowIfNull(observation);
        return new PortfolioObservationValue(
            DateString.Parse(observation.ValuationDate),
            DecimalString.ParseOrDefault(observation.BeginningMarketValue),
            DecimalString.ParseOrDefault(observation.EndingMarketValue),
            observation.ValuationStatus,
            observation.CashFlows.Select(f => f.ToValue()).ToArray());
    }

    public static PositionRowValue ToValue(this PositionTimeseriesRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new PositionRowValue(
            row.PositionId,
            row.SecurityId,
            DateString.Parse(row.ValuationDate),
            row.PositionCurrency,
            DecimalString.ParseOrDefault(row.PositionToPortfolioFxRate, 1m),
            DecimalString.ParseOrDefault(row.PortfolioToReportingFxRate, 1m),
            DecimalString.ParseOrDefault(row.BeginningMarketValuePositionCurrency),
            DecimalString.ParseOrDefault(row.EndingMarketValuePositionCurrency),
            DecimalString.ParseOrDefault(row.BeginningMarketValuePortfolioCurrency),
            DecimalString.ParseOrDefault(row.EndingMarketValuePortfolioCurrency),
            DecimalString.ParseOrDefault(row.BeginningMarketValueReportingCurrency),
            DecimalString.ParseOrDefault(row.EndingMarketValueReportingCurrency),
            DecimalString.ParseOrDefault(row.Quantity),
            new Dictionary<string, string>(row.Dimensions, StringComparer.Ordinal),
            row.CashFlows.Select(f => f.ToValue()).ToArray());
    }
}
