namespace Lotus.Storage.Analytics;

/// <summary>A durable export job.</summary>
public sealed record ExportJobRecord(
    string JobId,
    string DatasetType,
    string PortfolioId,
    string RequestFingerprint,
    byte[] Request,
    string ResultFormat,
    string Compression,
    string Status,
    int Attempt,
    long ResultRowCount,
    long EstimatedRowCount,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? GeneratedAt);

/// <summary>How a create request was answered.</summary>
public enum ExportDisposition
{
    Created,
    ReusedCompleted,
    ReusedInflight,
}

/// <summary>The job a runner holds: write under <see cref="Attempt"/> while the lease lasts.</summary>
public sealed record ExportClaim(ExportJobRecord Job, string Owner, int Attempt);

/// <summary>Durable export jobs and their result chunks.</summary>
public interface IExportJobStore
{
    /// <summary>The job of the fingerprint, created when new; a failed job is re-queued.</summary>
    Task<(ExportJobRecord Job, ExportDisposition Disposition)> CreateOrGetAsync(ExportJobRecord candidate, CancellationToken cancellationToken);

    Task<ExportJobRecord?> GetAsync(string jobId, CancellationToken cancellationToken);

    /// <summary>Claims the oldest accepted job, or a running one whose lease expired.</summary>
    Task<ExportClaim?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken);

    /// <summary>Appends a chunk and extends the lease; false when the claim was lost (another runner took over).</summary>
    Task<bool> AppendChunkAsync(ExportClaim claim, int seq, int rows, ReadOnlyMemory<byte> data, long rowsSoFar, TimeSpan lease, CancellationToken cancellationToken);

    Task<bool> CompleteAsync(ExportClaim claim, long rowCount, CancellationToken cancellationToken);

    Task<bool> FailAsync(ExportClaim claim, string errorMessage, CancellationToken cancellationToken);

    /// <summary>The completing attempt's chunks in order, one at a time.</summary>
    IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(string jobId, int attempt, CancellationToken cancellationToken);
}
