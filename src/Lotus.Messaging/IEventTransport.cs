namespace Lotus.Messaging;

/// <summary>
/// The event log port chosen by configuration: PostgreSQL (default, <see cref="Postgres.PostgresEventTransport"/>)
/// or, later, Kafka. Topics are keyed and partitioned the same way in both.
/// </summary>
public interface IEventTransport
{
    /// <summary>Appends events inside the caller's transaction.</summary>
    IEventLogProducer Producer { get; }

    /// <summary>Dead letters of every group.</summary>
    IDeadLetterStore DeadLetters { get; }

    /// <summary>Creates missing topics; a partition count may grow, never shrink.</summary>
    Task EnsureTopicsAsync(IEnumerable<TopicDefinition> topics, CancellationToken cancellationToken = default);

    /// <summary>The group's position, lag and owner on every partition of <paramref name="topics"/>.</summary>
    Task<IReadOnlyList<PartitionState>> DescribeGroupAsync(string groupName, IEnumerable<string> topics, CancellationToken cancellationToken = default);

    /// <summary>A new member of a consumer group, delivering to <paramref name="handler"/>.</summary>
    IEventConsumer CreateConsumer(EventConsumerOptions options, IEventHandler handler);
}
