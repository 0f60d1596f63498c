namespace Lotus.Messaging;

/// <summary>Inspect dead letters and hand them back to their consumer group for replay.</summary>
public interface IDeadLetterStore
{
    /// <summary>Dead letters, newest first, optionally filtered by group and status.</summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(
        string? groupName = null, DeadLetterStatus? status = null, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>Requests replay of one dead letter (only to its own group); false when it is not dead.</summary>
    Task<bool> RequestReplayAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Requests replay of every dead letter of a group (optionally one topic); returns how many.</summary>
    Task<int> RequestReplayAllAsync(string groupName, string? topic = null, CancellationToken cancellationToken = default);
}
