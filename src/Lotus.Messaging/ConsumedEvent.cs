namespace Lotus.Messaging;

/// <summary>An event as delivered to a consumer.</summary>
public sealed record ConsumedEvent(
    string Topic,
    int Partition,
    long Offset,
    string Key,
    Guid EventId,
    string EventType,
    ReadOnlyMemory<byte> Payload,
    IReadOnlyDictionary<string, string>? Headers,
    DateTimeOffset ProducedAt)
{
    /// <summary>The event's topic partition.</summary>
    public TopicPartition TopicPartition => new(Topic, Partition);
}
