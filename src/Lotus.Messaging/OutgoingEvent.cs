namespace Lotus.Messaging;

/// <summary>An event to append: routed by <see cref="Key"/> (same key, same partition, kept in order).</summary>
public sealed record OutgoingEvent
{
    /// <summary>Creates an event with a new event id.</summary>
    public OutgoingEvent(string topic, string key, string eventType, ReadOnlyMemory<byte> payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        Topic = topic;
        Key = key;
        EventType = eventType;
        Payload = payload;
    }

    /// <summary>The topic.</summary>
    public string Topic { get; }

    /// <summary>The partitioning key, e.g. a portfolio id (never a date: contracts §5.1).</summary>
    public string Key { get; }

    /// <summary>The payload's type name (e.g. the protobuf full name), for handlers that dispatch on it.</summary>
    public string EventType { get; }

    /// <summary>The serialised payload.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>Unique id, carried to consumers for idempotency (processed-event ids under Kafka).</summary>
    public Guid EventId { get; init; } = Guid.CreateVersion7();

    /// <summary>Optional string headers (correlation id, trace parent...).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }
}
