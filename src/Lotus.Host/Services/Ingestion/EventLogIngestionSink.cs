using Lotus.Messaging;
using Npgsql;

namespace Lotus.Host.Services.Ingestion;

/// <summary>
/// The production event sink: appends the events of a write to the durable event log through
/// <see cref="IEventLogProducer"/>, in the write's transaction, with the job's lineage as headers.
/// </summary>
public sealed class EventLogIngestionSink(IEventLogProducer producer) : IIngestionEventSink
{
    public const string JobIdHeader = "ingestion_job_id";
    public const string CorrelationIdHeader = "correlation_id";
    public const string IdempotencyKeyHeader = "idempotency_key";

    public async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IngestionEventContext context, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [JobIdHeader] = context.JobId,
            [CorrelationIdHeader] = context.CorrelationId,
        };
        if (context.IdempotencyKey is not null)
        {
            headers[IdempotencyKeyHeader] = context.IdempotencyKey;
        }

        var outgoing = new OutgoingEvent[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            outgoing[i] = new OutgoingEvent(e.Topic, e.Key, e.EventType, e.Payload) { Headers = headers };
        }

        await producer.AppendAsync(transaction, outgoing, cancellationToken).ConfigureAwait(false);
    }
}
