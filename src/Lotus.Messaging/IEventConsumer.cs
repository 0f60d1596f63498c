namespace Lotus.Messaging;

/// <summary>
/// A member of a consumer group: owns a share of the group's partitions (never one owned by another
/// live member), reads each in offset order, commits positions. Disposing leaves the group.
/// </summary>
public interface IEventConsumer : IAsyncDisposable
{
    /// <summary>The consumer group (committed positions are per group, topic and partition).</summary>
    string GroupName { get; }

    /// <summary>This member's id, unique among live members of the group.</summary>
    string MemberId { get; }

    /// <summary>The partitions this member owned after its last poll.</summary>
    IReadOnlyCollection<TopicPartition> Assignment { get; }

    /// <summary>One round: renew membership, rebalance, process what is available; returns events handled.</summary>
    Task<int> PollOnceAsync(CancellationToken cancellationToken = default);

    /// <summary>Polls until cancelled, idling when nothing is available.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
