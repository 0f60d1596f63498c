using Lotus.Domain.Values;

namespace Lotus.Domain.Timeseries;

/// <summary>One security's position timeseries (rows and gaps, each ascending by date) for portfolio aggregation.</summary>
public sealed record PositionSeries(string SecurityId, CurrencyCode PositionCurrency, IReadOnlyList<PositionTimeseriesRow> Rows, IReadOnlyList<TimeseriesGap> Gaps);
