namespace Lotus.Messaging;

/// <summary>A consumer group's progress on one partition (for health, lag metrics and operations).</summary>
/// <param name="Partition">The topic partition.</param>
/// <param name="CommittedOffset">The next offset the group will read.</param>
/// <param name="EndOffset">The offset the next appended event will get.</param>
/// <param name="Owner">The member holding the lease, or null.</param>
/// <param name="LeaseUntil">When that lease ends unless renewed.</param>
public sealed record PartitionState(TopicPartition Partition, long CommittedOffset, long EndOffset, string? Owner, DateTimeOffset? LeaseUntil)
{
    /// <summary>Events appended but not yet consumed by the group.</summary>
    public long Lag => EndOffset - CommittedOffset;
}
