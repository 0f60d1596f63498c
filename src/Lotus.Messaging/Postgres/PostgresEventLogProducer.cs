using System.Collections.Concurrent;
using Lotus.Messaging.Postgres.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Lotus.Messaging.Postgres;

/// <summary>
/// Appends to the PostgreSQL event log inside the caller's transaction. Each partition's head row
/// stays locked until that transaction ends, so offsets are dense and become visible in commit
/// order: a consumer can never pass an offset that a slower transaction fills in later.
/// </summary>
public sealed class PostgresEventLogProducer : IEventLogProducer
{
    /// <summary>The NOTIFY channel signalled (on commit) when events are appended.</summary>
    public const string NotifyChannel = "lotus_event_log";

    private const string ReserveSql = """
        WITH wanted AS (
            SELECT * FROM unnest(@topics::text[], @partitions::integer[], @counts::integer[]) AS w(topic, partition, n)
        ), locked AS (
            SELECT h.topic, h.partition, h.next_offset
            FROM event_partition_heads h
            JOIN wanted w ON w.topic = h.topic AND w.partition = h.partition
            ORDER BY h.topic, h.partition
            FOR UPDATE OF h
        )
        UPDATE event_partition_heads h
        SET next_offset = l.next_offset + w.n
        FROM locked l JOIN wanted w ON w.topic = l.topic AND w.partition = l.partition
        WHERE h.topic = l.topic AND h.partition = l.partition
        RETURNING h.topic, h.partition, l.next_offset
        """;

    private readonly ConcurrentDictionary<string, int> _partitionCounts = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public async Task<IReadOnlyList<EventPosition>> AppendAsync(
        NpgsqlTransaction transaction, IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0)
        {
            return [];
        }

        var connection = transaction.Connection
            ?? throw new InvalidOperationException("The transaction is already completed.");
        await LoadPartitionCountsAsync(connection, transaction, events, cancellationToken).ConfigureAwait(false);

        var partitions = new int[events.Count];
        var counts = new SortedDictionary<TopicPartition, int>();
        for (var i = 0; i < events.Count; i++)
        {
            partitions[i] = KeyPartitioner.PartitionFor(events[i].Key, _partitionCounts[events[i].Topic]);
            var tp = new TopicPartition(events[i].Topic, partitions[i]);
            counts[tp] = counts.GetValueOrDefault(tp) + 1;
        }

        var next = await ReserveAsync(connection, transaction, counts, cancellationToken).ConfigureAwait(false);
        var positions = new EventPosition[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var tp = new TopicPartition(events[i].Topic, partitions[i]);
            var offset = next[tp]++;
            positions[i] = new EventPosition(tp.Topic, tp.Partition, offset);
        }

        await CopyAsync(connection, events, positions, cancellationToken).ConfigureAwait(false);
        await using (var notify = new NpgsqlCommand($"SELECT pg_notify('{NotifyChannel}', t) FROM unnest(@topics::text[]) AS t", connection, transaction))
        {
            notify.Parameters.AddWithValue("topics", counts.Keys.Select(k => k.Topic).Distinct().ToArray());
            await notify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return positions;
    }

    /// <summary>Forgets cached partition counts (after topics change).</summary>
    internal void ResetTopicCache() => _partitionCounts.Clear();

    private async Task LoadPartitionCountsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken)
    {
        var missing = events.Select(e => e.Topic).Where(t => !_partitionCounts.ContainsKey(t)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        await using (var command = new NpgsqlCommand("SELECT topic, partitions FROM event_topics WHERE topic = ANY(@topics)", connection, transaction))
        {
            command.Parameters.AddWithValue("topics", missing);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                _partitionCounts[reader.GetString(0)] = reader.GetInt32(1);
            }
        }

        var unknown = missing.Where(t => !_partitionCounts.ContainsKey(t)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidOperationException(
                $"Unknown topic(s) {string.Join(", ", unknown)}: declare them first with IEventTransport.EnsureTopicsAsync.");
        }
    }

    private static async Task<Dictionary<TopicPartition, long>> ReserveAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, SortedDictionary<TopicPartition, int> counts, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(ReserveSql, connection, transaction);
        command.Parameters.AddWithValue("topics", counts.Keys.Select(k => k.Topic).ToArray());
        command.Parameters.AddWithValue("partitions", counts.Keys.Select(k => k.Partition).ToArray());
        command.Parameters.AddWithValue("counts", counts.Values.ToArray());
        var next = new Dictionary<TopicPartition, long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            next[new TopicPartition(reader.GetString(0), reader.GetInt32(1))] = reader.GetInt64(2);
        }

        if (next.Count != counts.Count)
        {
            var missing = counts.Keys.Where(k => !next.ContainsKey(k));
            throw new InvalidOperationException($"Partition head rows are missing for {string.Join(", ", missing)}; run EnsureTopicsAsync.");
        }

        return next;
    }

    private static async Task CopyAsync(
        NpgsqlConnection connection, IReadOnlyList<OutgoingEvent> events, EventPosition[] positions, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY event_log (topic, partition, \"offset\", key, event_id, event_type, payload, headers) FROM STDIN (FORMAT BINARY)",
            cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.Topic, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(positions[i].Partition, NpgsqlDbType.Integer, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(positions[i].Offset, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.Key, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.EventId, NpgsqlDbType.Uuid, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.EventType, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
            await importer.WriteAsync(e.Payload, NpgsqlDbType.Bytea, cancellationToken).ConfigureAwait(false);
            if (HeadersJson.Serialize(e.Headers) is { } headers)
            {
                await importer.WriteAsync(headers, NpgsqlDbType.Jsonb, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await importer.WriteNullAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
