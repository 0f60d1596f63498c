using Npgsql;

namespace Lotus.Host.Services.Ingestion;

/// <summary>
/// SEAM for the lead: appends the events of a write to the durable event log inside the write's
/// own database transaction (so entities, job and events commit or roll back together). Called
/// once per unary request and once per chunk of a stream, before the commit.
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
