namespace Lotus.Messaging;

/// <summary>
/// Processes one event. Throwing rolls back the transaction (effects and position) and the event
/// is delivered again, up to the group's attempt limit, then dead-lettered.
/// </summary>
public interface IEventHandler
{
    /// <summary>Handles <paramref name="message"/>, writing effects through <paramref name="context"/>.</summary>
    Task HandleAsync(ConsumedEvent message, EventHandlerContext context, CancellationToken cancellationToken);
}
