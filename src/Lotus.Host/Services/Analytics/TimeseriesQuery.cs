namespace Lotus.Host.Services.Analytics;

/// <summary>A validated timeseries request (portfolio or position family), defaults applied.</summary>
public sealed record TimeseriesQuery(
    bool Positions,
    string PortfolioId,
    DateOnly AsOfDate,
    DateOnly? WindowStart,
    DateOnly? WindowEnd,
    string? Period,
    string? ReportingCurrency,
    string ConsumerSystem,
    string TenantId,
    int PageSize,
    string PageToken,
    MissingObservationPolicy Policy,
    IReadOnlyList<string> Dimensions,
    bool IncludeCashFlows,
    IReadOnlyList<string> SecurityIds,
    IReadOnlyList<string> PositionIds,
    IReadOnlyList<DimensionFilterSpec> DimensionFilters,
    string Fingerprint)
{
    public string SourceProduct => Positions ? AnalyticsVocabulary.PositionTimeseriesProduct : AnalyticsVocabulary.PortfolioTimeseriesProduct;

    public string PolicyName => PolicyNames.ToWire(Policy);
}

/// <summary>Rows whose dimension has one of the values.</summary>
public sealed record DimensionFilterSpec(string Dimension, IReadOnlyList<string> Values);

/// <summary>Wire names of <see cref="MissingObservationPolicy"/>.</summary>
public static class PolicyNames
{
    public static string ToWire(MissingObservationPolicy policy) => policy switch
    {
        MissingObservationPolicy.ForwardFill => "forward_fill",
        MissingObservationPolicy.Skip => "skip",
        _ => "strict",
    };

    public static MissingObservationPolicy? Parse(string value) => value switch
    {
        "" or "strict" => MissingObservationPolicy.Strict,
        "forward_fill" => MissingObservationPolicy.ForwardFill,
        "skip" => MissingObservationPolicy.Skip,
        _ => null,
    };
}
