using Lotus.Messaging.Postgres.Internal;
using Npgsql;

namespace Lotus.Messaging.Postgres;

/// <summary>
/// The default event log: tables in the product database (migration <c>0001_event_log.sql</c>,
/// applied by <c>Lotus.Storage.MigrationRunner</c>), so state and log share transactions.
/// </summary>
public sealed class PostgresEventTransport : IEventTransport
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresEventLogProducer _producer = new();

    /// <summary>Creates the transport over a migrated database.</summary>
    public PostgresEventTransport(NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        _dataSource = dataSource;
        DeadLetters = new PostgresDeadLetterStore(dataSource);
    }

    /// <inheritdoc />
    public IEventLogProducer Producer => _producer;

    /// <inheritdoc />
    public IDeadLetterStore DeadLetters { get; }

    /// <inheritdoc />
    public async Task EnsureTopicsAsync(IEnumerable<TopicDefinition> topics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(topics);
        await TopicStore.EnsureAsync(_dataSource, topics, cancellationToken).ConfigureAwait(false);
        _producer.ResetTopicCache();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<PartitionState>> DescribeGroupAsync(string groupName, IEnumerable<string> topics, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        ArgumentNullException.ThrowIfNull(topics);
        await using var command = _dataSource.CreateCommand("""
            SELECT h.topic, h.partition, coalesce(c.next_offset, 0), h.next_offset, c.owner, c.lease_until
            FROM event_partition_heads h
            LEFT JOIN event_consumer_partitions c ON c.group_name = @group AND c.topic = h.topic AND c.partition = h.partition
            WHERE h.topic = ANY(@topics)
            ORDER BY h.topic, h.partition
            """);
        command.Parameters.AddWithValue("group", groupName);
        command.Parameters.AddWithValue("topics", topics.ToArray());
        var states = new List<PartitionState>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            states.Add(new PartitionState(
                new TopicPartition(reader.GetString(0), reader.GetInt32(1)),
                reader.GetInt64(2),
                reader.GetInt64(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return states;
    }

    /// <summary>
    /// Retention: deletes events older than <paramref name="minimumAge"/> that every consumer group
    /// known on their partition has already passed; returns how many. Offsets keep counting from the
    /// heads. A group that has never run is not known: <paramref name="minimumAge"/> must cover it.
    /// Dead letters keep their own copy of the event.
    /// </summary>
    public async Task<long> TrimAsync(TimeSpan minimumAge, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumAge, TimeSpan.Zero);
        await using var command = _dataSource.CreateCommand("""
            WITH passed AS (
                SELECT topic, partition, min(next_offset) AS below
                FROM event_consumer_partitions
                GROUP BY topic, partition
            )
            DELETE FROM event_log l USING passed p
            WHERE l.topic = p.topic AND l.partition = p.partition AND l."offset" < p.below
              AND l.produced_at < now() - @age
            """);
        command.Parameters.AddWithValue("age", minimumAge);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public IEventConsumer CreateConsumer(EventConsumerOptions options, IEventHandler handler)
        => new PostgresEventConsumer(_dataSource, options, handler);
}
