using Lotus.Messaging;
using Npgsql;
using NpgsqlTypes;

namespace Lotus.Host.Services.Ingestion;

/// <summary>
/// Holds a stream's events in a temporary table (bounded memory) and hands them to the sink at the
/// end in (topic, partition, seq) order, a batch at a time. Appending chunk by chunk would lock the
/// log's partition heads in arrival order across several calls, and two concurrent writers could
/// then deadlock; in this order every writer locks heads in the same global order, as a unary
/// write does within its single append. Per-key order is kept: one key, one partition, seq order.
/// </summary>
internal sealed class EventSpool(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private const int BatchSize = 10_000;
    private bool _created;
    private long _sequence;

    public async Task AddAsync(IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await using var create = new NpgsqlCommand(
                "CREATE TEMP TABLE stage_events (topic text NOT NULL, partition integer NOT NULL, seq bigint NOT NULL, key text NOT NULL, "
                + "event_type text NOT NULL, payload bytea NOT NULL, PRIMARY KEY (topic, partition, seq)) ON COMMIT DROP",
                connection,
                transaction);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY stage_events (topic, partition, seq, key, event_type, payload) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        foreach (var e in events)
        {
            writer.StartRow();
            writer.Write(e.Topic, NpgsqlDbType.Text);
            writer.Write(KeyPartitioner.PartitionFor(e.Key, IngestionTopics.PartitionCount(e.Topic)), NpgsqlDbType.Integer);
            writer.Write(_sequence++, NpgsqlDbType.Bigint);
            writer.Write(e.Key, NpgsqlDbType.Text);
            writer.Write(e.EventType, NpgsqlDbType.Text);
            writer.Write(e.Payload, NpgsqlDbType.Bytea);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DrainAsync(IIngestionEventSink sink, IngestionEventContext context, CancellationToken cancellationToken)
    {
        if (!_created)
        {
            return;
        }

        (string Topic, int Partition, long Seq)? after = null;
        while (true)
        {
            var batch = new List<IngestionEvent>(BatchSize);
            await using (var command = new NpgsqlCommand(
                "SELECT topic, partition, seq, key, event_type, payload FROM stage_events "
                + (after is null ? string.Empty : "WHERE (topic, partition, seq) > (@topic, @partition, @seq) ")
                + "ORDER BY topic, partition, seq LIMIT @limit",
                connection,
                transaction))
            {
                if (after is { } a)
                {
                    command.Parameters.AddWithValue("topic", a.Topic);
                    command.Parameters.AddWithValue("partition", a.Partition);
                    command.Parameters.AddWithValue("seq", a.Seq);
                }

                command.Parameters.AddWithValue("limit", BatchSize);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    after = (reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2));
                    batch.Add(new IngestionEvent(reader.GetString(0), reader.GetString(3), reader.GetString(4), reader.GetFieldValue<byte[]>(5)));
                }
            }

            if (batch.Count == 0)
            {
                return;
            }

            await sink.AppendAsync(connection, transaction, context, batch, cancellationToken).ConfigureAwait(false);
            if (batch.Count < BatchSize)
            {
                return;
            }
        }
    }
}
