namespace Lotus.Host.Services.Analytics;

/// <summary>Wire-visible names of the RFC-063 contracts, each defined once (contracts §3.1, §3.2).</summary>
public static class AnalyticsVocabulary
{
    public const string ContractVersion = "rfc_063_v1";
    public const string ProductVersion = "v1";
    public const string GeneratedBy = "integration.analytics_inputs";
    public const string DefaultConsumerSystem = "lotus-performance";

    public const string PortfolioTimeseriesProduct = "PortfolioTimeseriesInput";
    public const string PositionTimeseriesProduct = "PositionTimeseriesInput";
    public const string ReferenceProduct = "PortfolioAnalyticsReference";
    public const string EnrichmentProduct = "InstrumentReferenceBundle";
    public const string SnapshotProduct = "PortfolioStateSnapshot";
    public const string ExportProduct = "AnalyticsTimeseriesExport";

    public const string PortfolioEndpoint = "portfolio-timeseries";
    public const string PositionEndpoint = "position-timeseries";

    public const string PortfolioSortKey = "valuation_date:asc,portfolio_id:asc";
    public const string PositionSortKey = "valuation_date:asc,position_id:asc,security_id:asc";

    public const string FrequencyDaily = "daily";

    public const string StatusFinal = "final";
    public const string StatusProvisional = "provisional";
    public const string StatusRestated = "restated";

    public const string ReferenceStatePolicy = "current_portfolio_reference_state";
    public const string FxRateSource = "lotus-core.fx_rates";

    public static readonly IReadOnlyList<string> Periods = ["one_month", "three_months", "ytd", "one_year", "three_years", "five_years", "inception"];
    public static readonly IReadOnlyList<string> Dimensions = ["asset_class", "sector", "country"];
    public static readonly IReadOnlyList<string> SnapshotSections = ["portfolio_state", "positions_baseline", "portfolio_totals", "instrument_enrichment"];
}

/// <summary>What to do with an expected business date that has no observation (RFC-063 §8).</summary>
public enum MissingObservationPolicy
{
    /// <summary>Report the date as missing; emit nothing for it (the default).</summary>
    Strict,

    /// <summary>Carry the previous observation forward, marked provisional, without its cash flows.</summary>
    ForwardFill,

    /// <summary>Omit the date and do not count it as missing.</summary>
    Skip,
}
