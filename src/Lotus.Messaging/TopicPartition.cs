namespace Lotus.Messaging;

/// <summary>One partition of a topic: the unit of ordering and of ownership within a consumer group.</summary>
public readonly record struct TopicPartition(string Topic, int Partition) : IComparable<TopicPartition>
{
    /// <inheritdoc />
    public int CompareTo(TopicPartition other)
    {
        var byTopic = string.CompareOrdinal(Topic, other.Topic);
        return byTopic != 0 ? byTopic : Partition.CompareTo(other.Partition);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Topic}[{Partition}]";
}
