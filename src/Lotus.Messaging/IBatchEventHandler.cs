namespace Lotus.Messaging;

/// <summary>
/// A handler that takes all events of one transaction at once (see
/// <see cref="EventConsumerOptions.EventsPerTransaction"/>), e.g. to coalesce the events of one key
/// into one piece of work. Single events (retries, replays) still arrive through
/// <see cref="IEventHandler.HandleAsync"/>.
/// </summary>
public interface IBatchEventHandler : IEventHandler
{
    /// <summary>Handles <paramref name="messages"/> (offset order, one partition) in <paramref name="context"/>'s transaction.</summary>
    Task HandleBatchAsync(IReadOnlyList<ConsumedEvent> messages, EventHandlerContext context, CancellationToken cancellationToken);
}
