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
    public IEventConsumer CreateConsumer(EventConsumerOptions options, IEventHandler handler)
        => new PostgresEventConsumer(_dataSource, options, handler);
}
