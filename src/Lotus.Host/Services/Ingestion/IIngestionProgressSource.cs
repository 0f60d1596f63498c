using Lotus.Storage.Canonical;

namespace Lotus.Host.Services.Ingestion;

/// <summary>How far the calculators are with a job's events.</summary>
/// <param name="ProcessedEventCount">Events of the job processed so far.</param>
/// <param name="FailureReason">Set when processing of the job failed.</param>
/// <param name="CompletedAt">When the last event was processed (UTC).</param>
public sealed record IngestionProgress(long ProcessedEventCount, string? FailureReason = null, DateTime? CompletedAt = null);

/// <summary>
/// SEAM for the lead: progress of a job as the calculators see it (e.g. consumer positions against
/// the job's event offsets). Until wired, <see cref="NoIngestionProgress"/> reports nothing processed.
/// </summary>
public interface IIngestionProgressSource
{
    ValueTask<IngestionProgress> GetProgressAsync(IngestionJobRecord job, CancellationToken cancellationToken);
}

/// <summary>The progress source until calculators exist: processed_event_count stays 0.</summary>
public sealed class NoIngestionProgress : IIngestionProgressSource
{
    public static readonly NoIngestionProgress Instance = new();

    public ValueTask<IngestionProgress> GetProgressAsync(IngestionJobRecord job, CancellationToken cancellationToken)
        => ValueTask.FromResult(new IngestionProgress(0));
}
