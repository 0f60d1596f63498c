using Npgsql;

namespace Lotus.Messaging;

/// <summary>
/// Producer side of the event log. Events are appended inside the caller's database transaction
/// (outbox): entities and their events commit or roll back together. The PostgreSQL log writes the
/// log itself; a Kafka transport writes the same rows to an outbox that a relay publishes.
/// </summary>
public interface IEventLogProducer
{
    /// <summary>
    /// Appends <paramref name="events"/> (one batch) in <paramref name="transaction"/>; returns each
    /// event's position in input order. Events of one key keep their input order.
    /// </summary>
    Task<IReadOnlyList<EventPosition>> AppendAsync(
        NpgsqlTransaction transaction, IReadOnlyList<OutgoingEvent> events, CancellationToken cancellationToken = default);
}
