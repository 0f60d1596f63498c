using Lotus.Domain.Valuation;

namespace Lotus.Calculators;

/// <summary>Settings of the calculator worker.</summary>
public sealed class CalculatorOptions
{
    /// <summary>Consumer group shared by every server process. Default "lotus-calculators".</summary>
    public string GroupName { get; init; } = "lotus-calculators";

    /// <summary>Partitions of <see cref="CalculatorTopics.PortfolioChanges"/> (may grow, never shrink). Default 16.</summary>
    public int Partitions { get; init; } = CalculatorTopics.PortfolioChanges.Partitions;

    /// <summary>Consumer-group members in this process (each owns a share of the partitions). Default: processor count.</summary>
    public int Consumers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Events read per partition per round and handled in one transaction. Default 500.</summary>
    public int BatchSize { get; init; } = 500;

    /// <summary>Pause when a round found nothing. Default 200 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Prefix of this process's member ids (a suffix numbers the consumers). Default host/pid/random.</summary>
    public string MemberId { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Deliveries of an event that keeps failing (infrastructure) before it is dead-lettered. Default 5.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Partition lease. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Valuation settings (price_staleness_days).</summary>
    public ValuationOptions Valuation { get; init; } = ValuationOptions.Default;
}
