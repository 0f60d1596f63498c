namespace Lotus.Messaging;

/// <summary>An event a consumer group gave up on, with the reason.</summary>
public sealed record DeadLetter(
    long Id,
    string GroupName,
    ConsumedEvent Event,
    int Attempts,
    string Reason,
    DeadLetterStatus Status,
    DateTimeOffset DeadAt,
    DateTimeOffset? ReplayedAt);

/// <summary>Life cycle of a dead letter.</summary>
public enum DeadLetterStatus
{
    /// <summary>Given up; waiting for an operator.</summary>
    Dead,

    /// <summary>Handed back to its group: its next poll delivers it again.</summary>
    ReplayRequested,

    /// <summary>Delivered again and handled successfully.</summary>
    Replayed,
}
