using Npgsql;

namespace Lotus.Host.Services.Ingestion;

/// <summary>
/// SEAM for the lead: appends the events of a write to the durable event log inside the write's
/// own database transaction (so entities, job and events commit or roll back together). Called
/// after the entities are merged, just before the commit: once for a unary request; for a stream,
/// in batches of up to 10,000 in (topic, partition) order (see EventSpool).
/// </summary>
public interface IIngestionEventSink
{
    Task AppendAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        IngestionEventContext context,
        IReadOnlyList<IngestionEvent> events,
        CancellationToken cancellationToken);
}
