namespace Lotus.Storage.Canonical;

/// <summary>One row of <c>ingestion_jobs</c>.</summary>
/// <param name="JobId">"job_&lt;32 hex&gt;".</param>
/// <param name="Endpoint">The rpc that accepted the write, e.g. "IngestTransactions".</param>
/// <param name="EntityType">The acknowledgement's entity type ("transaction", "bundle", …).</param>
/// <param name="Status">"accepted", "processing", "completed" or "failed".</param>
/// <param name="AcceptedCount">Records accepted.</param>
/// <param name="TotalEventCount">Events appended for the calculators.</param>
/// <param name="IdempotencyKey">The caller's key, or null.</param>
/// <param name="RequestFingerprint">SHA-256 hex of the canonical request bytes (with the rpc name).</param>
/// <param name="Ack">The serialized original acknowledgement.</param>
/// <param name="CorrelationId">Correlation id of the accepting call.</param>
/// <param name="SubmittedAt">When the write committed (UTC).</param>
/// <param name="CompletedAt">When processing completed (UTC), if it has.</param>
/// <param name="FailureReason">Why processing failed, if it did.</param>
public sealed record IngestionJobRecord(
    string JobId,
    string Endpoint,
    string EntityType,
    string Status,
    int AcceptedCount,
    long TotalEventCount,
    string? IdempotencyKey,
    string RequestFingerprint,
    byte[] Ack,
    string CorrelationId,
    DateTime SubmittedAt,
    DateTime? CompletedAt,
    string? FailureReason);
