using Google.Protobuf;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Errors;
using Lotus.Storage.Canonical;
using Npgsql;

namespace Lotus.Host.Services.Ingestion;

/// <summary>
/// One write, in ONE database transaction: the idempotency key's advisory lock, the earlier job of
/// that key (if any), staged records and their events, then merge + job row + commit. Disposing
/// without <see cref="CommitAsync"/> rolls everything back.
/// </summary>
internal sealed class IngestionWrite : IAsyncDisposable
{
    private const string AcceptedMessage = "Accepted: the records are written; the calculators process them asynchronously (see the job).";
    private const string ReplayedMessage = "Replay of an earlier identical request: its original acknowledgement; nothing was written again.";

    private readonly NpgsqlConnection _connection;
    private readonly NpgsqlTransaction _transaction;
    private readonly IIngestionEventSink _events;
    private readonly IngestionEventContext _eventContext;
    private readonly CancellationToken _cancellationToken;
    private readonly List<IngestionEvent> _pendingEvents = [];

    private IngestionWrite(NpgsqlConnection connection, NpgsqlTransaction transaction, IIngestionEventSink events, IngestionEventContext eventContext, CancellationToken cancellationToken)
    {
        _connection = connection;
        _transaction = transaction;
        _events = events;
        _eventContext = eventContext;
        _cancellationToken = cancellationToken;
        Stage = new CanonicalStage(connection, transaction);
    }

    public CanonicalStage Stage { get; }

    /// <summary>Set for streams: events wait in a spool until the commit (see <see cref="EventSpool"/>).</summary>
    private EventSpool? Spool { get; init; }

    /// <summary>The committed job of the same idempotency key, when there is one.</summary>
    public IngestionJobRecord? Existing { get; private set; }

    public string JobId => _eventContext.JobId;

    /// <param name="spoolEvents">True for a write made of several chunks: events are appended once, at the commit.</param>
    public static async Task<IngestionWrite> BeginAsync(
        NpgsqlDataSource dataSource, IIngestionEventSink events, string? idempotencyKey, string correlationId, bool spoolEvents, CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        NpgsqlTransaction? transaction = null;
        try
        {
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var jobId = "job_" + Guid.NewGuid().ToString("N");
            var write = new IngestionWrite(connection, transaction, events, new IngestionEventContext(jobId, correlationId, idempotencyKey), cancellationToken)
            {
                Spool = spoolEvents ? new EventSpool(connection, transaction) : null,
            };
            if (idempotencyKey is not null)
            {
                // Concurrent writers of one key queue here; the second then sees the first's job.
                await IngestionJobStore.LockIdempotencyKeyAsync(connection, transaction, idempotencyKey, cancellationToken).ConfigureAwait(false);
                write.Existing = await IngestionJobStore.FindByIdempotencyKeyAsync(connection, transaction, idempotencyKey, cancellationToken).ConfigureAwait(false);
            }

            return write;
        }
        catch
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }

            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// The earlier job's acknowledgement marked replayed when the fingerprints match; ALREADY_EXISTS
    /// with reason INGESTION_IDEMPOTENCY_CONFLICT when they differ (contracts §1.1).
    /// </summary>
    public static IngestionAck ResolveReplay(IngestionJobRecord existing, string fingerprint)
    {
        if (!string.Equals(existing.RequestFingerprint, fingerprint, StringComparison.Ordinal))
        {
            throw RpcErrors.Create(
                StatusCode.AlreadyExists,
                "The idempotency key was already used with a different request payload.",
                ErrorReasons.IdempotencyConflict,
                metadata: new Dictionary<string, string>(StringComparer.Ordinal) { ["job_id"] = existing.JobId, ["endpoint"] = existing.Endpoint });
        }

        var ack = IngestionAck.Parser.ParseFrom(existing.Ack);
        ack.Replayed = true;
        ack.Message = ReplayedMessage;
        return ack;
    }

    /// <summary>Stages a batch's (validated, normalised) records; their events are appended at the commit.</summary>
    public async Task AddAsync(IngestionBatch batch, BatchOffsets offsets)
    {
        var ct = _cancellationToken;
        if (batch.BusinessDates.Count > 0)
        {
            await Stage.StageBusinessDatesAsync(batch.BusinessDates, offsets.BusinessDates, ct).ConfigureAwait(false);
        }

        if (batch.Portfolios.Count > 0)
        {
            await Stage.StagePortfoliosAsync(batch.Portfolios, offsets.Portfolios, ct).ConfigureAwait(false);
        }

        if (batch.Instruments.Count > 0)
        {
            await Stage.StageInstrumentsAsync(batch.Instruments, offsets.Instruments, ct).ConfigureAwait(false);
        }

        if (batch.Transactions.Count > 0)
        {
            await Stage.StageTransactionsAsync(batch.Transactions, offsets.Transactions, ct).ConfigureAwait(false);
        }

        if (batch.MarketPrices.Count > 0)
        {
            await Stage.StageMarketPricesAsync(batch.MarketPrices, offsets.MarketPrices, ct).ConfigureAwait(false);
        }

        if (batch.FxRates.Count > 0)
        {
            await Stage.StageFxRatesAsync(batch.FxRates, offsets.FxRates, ct).ConfigureAwait(false);
        }

        if (batch.Count > 0)
        {
            var events = IngestionEvents.From(batch);
            if (Spool is not null)
            {
                await Spool.AddAsync(events, ct).ConfigureAwait(false);
            }
            else
            {
                _pendingEvents.AddRange(events);
            }
        }
    }

    /// <summary>Merges the staged records, records the job with its acknowledgement, and commits.</summary>
    public async Task<IngestionAck> CommitAsync(string endpoint, string entityType, int acceptedCount, string fingerprint)
    {
        var ct = _cancellationToken;
        await Stage.MergeAsync(JobId, ct).ConfigureAwait(false);
        // Lock order of every writer: canonical rows (merge, key order), then the log's partition
        // heads (one append, or spool batches, in partition order): no two writers can deadlock.
        if (Spool is not null)
        {
            await Spool.DrainAsync(_events, _eventContext, ct).ConfigureAwait(false);
        }
        else if (_pendingEvents.Count > 0)
        {
            await _events.AppendAsync(_connection, _transaction, _eventContext, _pendingEvents, ct).ConfigureAwait(false);
        }

        var ack = new IngestionAck
        {
            Message = AcceptedMessage,
            EntityType = entityType,
            AcceptedCount = acceptedCount,
            JobId = JobId,
            IdempotencyKey = _eventContext.IdempotencyKey ?? string.Empty,
            CorrelationId = _eventContext.CorrelationId,
        };

        // A job without events has nothing left to process: it is complete when accepted.
        var complete = acceptedCount == 0;
        var job = new IngestionJobRecord(
            JobId, endpoint, entityType, complete ? "completed" : "accepted", acceptedCount, acceptedCount,
            _eventContext.IdempotencyKey, fingerprint, ack.ToByteArray(), _eventContext.CorrelationId,
            default, complete ? DateTime.UtcNow : null, null);
        await IngestionJobStore.InsertAsync(_connection, _transaction, job, ct).ConfigureAwait(false);
        await _transaction.CommitAsync(ct).ConfigureAwait(false);
        return ack;
    }

    public async ValueTask DisposeAsync()
    {
        // Disposing an uncommitted Npgsql transaction rolls it back.
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
