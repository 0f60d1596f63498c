namespace Lotus.Messaging;

/// <summary>A topic and its partition count (contracts §5.1); the count fixes the key -> partition mapping.</summary>
public sealed record TopicDefinition
{
    /// <summary>Creates a topic definition.</summary>
    public TopicDefinition(string name, int partitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(partitions);
        Name = name;
        Partitions = partitions;
    }

    /// <summary>The topic name, e.g. <c>transactions.persisted</c>.</summary>
    public string Name { get; }

    /// <summary>Number of partitions.</summary>
    public int Partitions { get; }
}
