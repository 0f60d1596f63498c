namespace Lotus.Host.Services.Ingestion;

/// <summary>Settings of the ingestion service.</summary>
public sealed class IngestionOptions
{
    /// <summary>Field violations reported per rejected request; validation stops there. Defaults to 100.</summary>
    public int MaxViolations { get; init; } = 100;

    /// <summary>Days after today (UTC) a business date may lie (contracts §1.3 BUSINESS_DATE_MAX_FUTURE_DAYS). Defaults to 0.</summary>
    public int BusinessDateMaxFutureDays { get; init; }

    /// <summary>Clock for "today". Defaults to the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
