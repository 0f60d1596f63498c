namespace Lotus.Messaging;

/// <summary>Settings of one consumer-group member.</summary>
public sealed class EventConsumerOptions
{
    /// <summary>The consumer group, e.g. <c>portfolio_transaction_processing_group</c>.</summary>
    public required string GroupName { get; init; }

    /// <summary>The topics this group reads (every member of a group should list the same).</summary>
    public required IReadOnlyList<string> Topics { get; init; }

    /// <summary>This member's id; defaults to host, process id and a random suffix.</summary>
    public string MemberId { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>How long a membership and partition lease last without renewal. Default 30 s.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Deliveries of a failing event before it is dead-lettered. Default 5. Deliveries are counted
    /// before the handler runs, so an event that crashes the process each time is dead-lettered too
    /// (after at most one extra, uncounted crash while it was not yet first in its partition).
    /// </summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>Events read per partition per round; also the most handled in one transaction. Default 100.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>
    /// Events handled in one transaction (1 = a transaction per event). Larger batches are faster;
    /// a failure rolls the batch back and retries it one event at a time. Default 1.
    /// </summary>
    public int EventsPerTransaction { get; init; } = 1;

    /// <summary>
    /// Longest pause of <see cref="IEventConsumer.RunAsync"/> after a round found nothing; a commit
    /// that appends events wakes it sooner (PostgreSQL LISTEN/NOTIFY). Also paces retries of a
    /// failing event. Default 1 s.
    /// </summary>
    public TimeSpan IdleDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Called with errors that <see cref="IEventConsumer.RunAsync"/> survives (database unavailable...).</summary>
    public Action<Exception>? OnError { get; init; }
}
