namespace Lotus.Domain.Timeseries;

/// <summary>A date for which a timeseries row cannot be produced, and why (e.g. the position is unvalued).</summary>
public sealed record TimeseriesGap(DateOnly ValuationDate, string SecurityId, string Reason);
