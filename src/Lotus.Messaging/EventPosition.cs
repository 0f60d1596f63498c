namespace Lotus.Messaging;

/// <summary>Where an appended event landed: topic, partition and offset (dense, from 0, per partition).</summary>
public readonly record struct EventPosition(string Topic, int Partition, long Offset);
