using Lotus.Host.Services.Ingestion;
using Npgsql;
using NpgsqlTypes;

namespace Lotus.Host.Tests.Support;

/// <summary>
/// Test event sink: COPYs events into <c>test_ingestion_events</c> inside the write's transaction,
/// so tests see exactly what would reach the durable log (and nothing from a rolled-back write).
/// </summary>
public sealed class TableEventSink : IIngestionEventSink
{
    public const string CreateTableSql =
        "CREATE TABLE test_ingestion_events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, topic text NOT NULL, key text NOT NULL, "
        + "event_type text NOT NULL, payload bytea NOT NULL, job_id text NOT NULL, correlation_id text NOT NULL, idempotency_key text)";

    public async Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestionEventContext context, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY test_ingestion_events (topic, key, event_type, payload, job_id, correlation_id, idempotency_key) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var e in events)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(e.Topic, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(e.Key, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(e.EventType, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(e.Payload, NpgsqlDbType.Bytea, cancellationToken);
            await writer.WriteAsync(context.JobId, NpgsqlDbType.Text, cancellationToken);
            await writer.WriteAsync(context.CorrelationId, NpgsqlDbType.Text, cancellationToken);
            if (context.IdempotencyKey is null)
            {
                await writer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await writer.WriteAsync(context.IdempotencyKey, NpgsqlDbType.Text, cancellationToken);
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
