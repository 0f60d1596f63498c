using Npgsql;
using NpgsqlTypes;

namespace Lotus.Storage.Canonical;

/// <summary>
/// The ingestion job ledger: durable idempotency (key, fingerprint, original ack) written in the
/// same transaction as the entities (contracts §1.1), and the job status read by GetIngestionJob.
/// </summary>
public static class IngestionJobStore
{
    private const string Columns =
        "job_id, endpoint, entity_type, status, accepted_count, total_event_count, idempotency_key, "
        + "request_fingerprint, ack, correlation_id, submitted_at, completed_at, failure_reason";

    /// <summary>
    /// Serialises writers of one idempotency key until the caller's transaction ends
    /// (transaction-scoped advisory lock on a 64-bit hash of the key; a hash collision only
    /// serialises two keys, it never merges them).
    /// </summary>
    public static async Task LockIdempotencyKeyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(hashtextextended(@key, 7411))", connection, transaction);
        command.Parameters.AddWithValue("key", idempotencyKey);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static Task<IngestionJobRecord?> FindByIdempotencyKeyAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string idempotencyKey, CancellationToken cancellationToken = default)
        => FindAsync(connection, transaction, "idempotency_key", idempotencyKey, cancellationToken);

    public static Task<IngestionJobRecord?> FindByIdAsync(NpgsqlConnection connection, string jobId, CancellationToken cancellationToken = default)
        => FindAsync(connection, null, "job_id", jobId, cancellationToken);

    /// <summary>Inserts a job; <see cref="IngestionJobRecord.SubmittedAt"/> is taken from the database clock.</summary>
    public static async Task InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestionJobRecord job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        await using var command = new NpgsqlCommand(
            "INSERT INTO ingestion_jobs (job_id, endpoint, entity_type, status, accepted_count, total_event_count, idempotency_key, "
            + "request_fingerprint, ack, correlation_id, completed_at, failure_reason) "
            + "VALUES (@job_id, @endpoint, @entity_type, @status, @accepted_count, @total_event_count, @idempotency_key, "
            + "@request_fingerprint, @ack, @correlation_id, @completed_at, @failure_reason)",
            connection,
            transaction);
        command.Parameters.AddWithValue("job_id", job.JobId);
        command.Parameters.AddWithValue("endpoint", job.Endpoint);
        command.Parameters.AddWithValue("entity_type", job.EntityType);
        command.Parameters.AddWithValue("status", job.Status);
        command.Parameters.AddWithValue("accepted_count", job.AcceptedCount);
        command.Parameters.AddWithValue("total_event_count", job.TotalEventCount);
        command.Parameters.Add(new NpgsqlParameter("idempotency_key", NpgsqlDbType.Text) { Value = (object?)job.IdempotencyKey ?? DBNull.Value });
        command.Parameters.AddWithValue("request_fingerprint", job.RequestFingerprint);
        command.Parameters.AddWithValue("ack", job.Ack);
        command.Parameters.AddWithValue("correlation_id", job.CorrelationId);
        command.Parameters.Add(new NpgsqlParameter("completed_at", NpgsqlDbType.TimestampTz) { Value = (object?)job.CompletedAt ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("failure_reason", NpgsqlDbType.Text) { Value = (object?)job.FailureReason ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IngestionJobRecord?> FindAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string column, string value, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM ingestion_jobs WHERE {column} = @value", connection, transaction);
        command.Parameters.AddWithValue("value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new IngestionJobRecord(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetInt32(4),
            reader.GetInt64(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.GetString(7),
            reader.GetFieldValue<byte[]>(8),
            reader.GetString(9),
            reader.GetDateTime(10),
            reader.IsDBNull(11) ? null : reader.GetDateTime(11),
            reader.IsDBNull(12) ? null : reader.GetString(12));
    }
}
