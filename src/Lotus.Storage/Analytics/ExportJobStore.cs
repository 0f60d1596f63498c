using System.Runtime.CompilerServices;
using Npgsql;

namespace Lotus.Storage.Analytics;

/// <summary>PostgreSQL export jobs (migration 0300_analytics_export_jobs.sql).</summary>
public sealed class ExportJobStore(NpgsqlDataSource dataSource) : IExportJobStore
{
    private const string Columns = "job_id, dataset_type, portfolio_id, request_fingerprint, request, result_format, compression, status, attempt, result_row_count, estimated_row_count, error_message, created_at, started_at, completed_at, generated_at";

    public async Task<(ExportJobRecord Job, ExportDisposition Disposition)> CreateOrGetAsync(ExportJobRecord candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO analytics_export_jobs (job_id, dataset_type, portfolio_id, request_fingerprint, request, result_format, compression, status, estimated_row_count)
            VALUES ($1, $2, $3, $4, $5, $6, $7, 'accepted', $8)
            ON CONFLICT (request_fingerprint, dataset_type) DO NOTHING
            """, connection, transaction))
        {
            insert.Parameters.Add(new() { Value = candidate.JobId });
            insert.Parameters.Add(new() { Value = candidate.DatasetType });
            insert.Parameters.Add(new() { Value = candidate.PortfolioId });
            insert.Parameters.Add(new() { Value = candidate.RequestFingerprint });
            insert.Parameters.Add(new() { Value = candidate.Request });
            insert.Parameters.Add(new() { Value = candidate.ResultFormat });
            insert.Parameters.Add(new() { Value = candidate.Compression });
            insert.Parameters.Add(new() { Value = candidate.EstimatedRowCount });
            if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                var created = await SelectAsync(connection, transaction, "request_fingerprint = $1 AND dataset_type = $2", [candidate.RequestFingerprint, candidate.DatasetType], forUpdate: false, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (created!, ExportDisposition.Created);
            }
        }

        var existing = await SelectAsync(connection, transaction, "request_fingerprint = $1 AND dataset_type = $2", [candidate.RequestFingerprint, candidate.DatasetType], forUpdate: true, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException("Export job vanished during create.");
        if (existing.Status == "failed")
        {
            await using var requeue = new NpgsqlCommand(
                "UPDATE analytics_export_jobs SET status = 'accepted', error_message = NULL, lease_owner = NULL, lease_expires_at = NULL, result_row_count = 0 WHERE job_id = $1",
                connection,
                transaction);
            requeue.Parameters.Add(new() { Value = existing.JobId });
            await requeue.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (existing with { Status = "accepted", ErrorMessage = null, ResultRowCount = 0 }, ExportDisposition.Created);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (existing, existing.Status == "completed" ? ExportDisposition.ReusedCompleted : ExportDisposition.ReusedInflight);
    }

    public async Task<ExportJobRecord?> GetAsync(string jobId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await SelectAsync(connection, null, "job_id = $1", [jobId], forUpdate: false, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ExportClaim?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            $"""
            UPDATE analytics_export_jobs j
               SET status = 'running', lease_owner = $1, lease_expires_at = now() + $2, attempt = j.attempt + 1,
                   started_at = COALESCE(j.started_at, now()), result_row_count = 0
             WHERE j.job_id = (SELECT job_id FROM analytics_export_jobs
                                WHERE status = 'accepted' OR (status = 'running' AND lease_expires_at < now())
                                ORDER BY created_at, job_id
                                LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """,
            connection);
        command.Parameters.Add(new() { Value = owner });
        command.Parameters.Add(new() { Value = lease });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var job = Read(reader);
        return new ExportClaim(job, owner, job.Attempt);
    }

    public async Task<bool> AppendChunkAsync(ExportClaim claim, int seq, int rows, ReadOnlyMemory<byte> data, long rowsSoFar, TimeSpan lease, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var update = new NpgsqlCommand(
            """
            UPDATE analytics_export_jobs SET lease_expires_at = now() + $4, result_row_count = $5, result_bytes = result_bytes + $6
             WHERE job_id = $1 AND lease_owner = $2 AND attempt = $3 AND status = 'running'
            """, connection, transaction))
        {
            update.Parameters.Add(new() { Value = claim.Job.JobId });
            update.Parameters.Add(new() { Value = claim.Owner });
            update.Parameters.Add(new() { Value = claim.Attempt });
            update.Parameters.Add(new() { Value = lease });
            update.Parameters.Add(new() { Value = rowsSoFar });
            update.Parameters.Add(new() { Value = (long)data.Length });
            if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        await using (var insert = new NpgsqlCommand("INSERT INTO analytics_export_chunks (job_id, attempt, seq, rows, data) VALUES ($1, $2, $3, $4, $5)", connection, transaction))
        {
            insert.Parameters.Add(new() { Value = claim.Job.JobId });
            insert.Parameters.Add(new() { Value = claim.Attempt });
            insert.Parameters.Add(new() { Value = seq });
            insert.Parameters.Add(new() { Value = rows });
            insert.Parameters.Add(new NpgsqlParameter<ReadOnlyMemory<byte>> { TypedValue = data });
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    public Task<bool> CompleteAsync(ExportClaim claim, long rowCount, CancellationToken cancellationToken)
        => FinishAsync(claim, "status = 'completed', completed_at = now(), generated_at = now(), result_row_count = $4, lease_owner = NULL, lease_expires_at = NULL", rowCount, cancellationToken);

    public Task<bool> FailAsync(ExportClaim claim, string errorMessage, CancellationToken cancellationToken)
        => FinishAsync(claim, "status = 'failed', completed_at = now(), error_message = $4, lease_owner = NULL, lease_expires_at = NULL", errorMessage, cancellationToken);

    public async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(string jobId, int attempt, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One chunk per round trip: a result is never held whole in memory.
        var seq = -1;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await using var command = new NpgsqlCommand("SELECT seq, data FROM analytics_export_chunks WHERE job_id = $1 AND attempt = $2 AND seq > $3 ORDER BY seq LIMIT 1", connection);
            command.Parameters.Add(new() { Value = jobId });
            command.Parameters.Add(new() { Value = attempt });
            command.Parameters.Add(new() { Value = seq });
            byte[] data;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield break;
                }

                seq = reader.GetInt32(0);
                data = reader.GetFieldValue<byte[]>(1);
            }

            yield return data;
        }
    }

    private async Task<bool> FinishAsync<T>(ExportClaim claim, string set, T value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"UPDATE analytics_export_jobs SET {set} WHERE job_id = $1 AND lease_owner = $2 AND attempt = $3 AND status = 'running'", connection);
        command.Parameters.Add(new() { Value = claim.Job.JobId });
        command.Parameters.Add(new() { Value = claim.Owner });
        command.Parameters.Add(new() { Value = claim.Attempt });
        command.Parameters.Add(new NpgsqlParameter<T> { TypedValue = value });
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static async Task<ExportJobRecord?> SelectAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, object[] values, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT {Columns} FROM analytics_export_jobs WHERE {where}{(forUpdate ? " FOR UPDATE" : string.Empty)}", connection, transaction);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
    }

    private static ExportJobRecord Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetFieldValue<byte[]>(4),
        reader.GetString(5),
        reader.GetString(6),
        reader.GetString(7),
        reader.GetInt32(8),
        reader.GetInt64(9),
        reader.GetInt64(10),
        reader.IsDBNull(11) ? null : reader.GetString(11),
        reader.GetFieldValue<DateTimeOffset>(12),
        reader.IsDBNull(13) ? null : reader.GetFieldValue<DateTimeOffset>(13),
        reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14),
        reader.IsDBNull(15) ? null : reader.GetFieldValue<DateTimeOffset>(15));
}
