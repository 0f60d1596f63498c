using System.Globalization;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Errors;
using Lotus.Host.Services.Ingestion.Validation;
using Lotus.Storage.Canonical;
using Npgsql;

namespace Lotus.Host.Services.Ingestion;

/// <summary>
/// lotus.core.v1.IngestionService (ingestion_service.proto). Every write is all-or-nothing, in one
/// database transaction with its events and job row; idempotent by key. Implements the generated
/// IngestionServiceBase.
/// </summary>
public sealed partial class IngestionService : Lotus.Core.V1.IngestionService.IngestionServiceBase
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly IIngestionEventSink _events;
    private readonly IIngestionProgressSource _progress;
    private readonly IngestionOptions _options;

    public IngestionService(NpgsqlDataSource dataSource, IIngestionEventSink events, IIngestionProgressSource? progress = null, IngestionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(events);
        _dataSource = dataSource;
        _events = events;
        _progress = progress ?? NoIngestionProgress.Instance;
        _options = options ?? new IngestionOptions();
    }

    public override async Task<IngestPortfoliosResponse> IngestPortfolios(IngestPortfoliosRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ack = await WriteAsync(nameof(IngestPortfolios), EntityTypes.Portfolio, request, r => r.IdempotencyKey, (r, k) => r.IdempotencyKey = k,
            new IngestionBatch { Portfolios = request.Portfolios }, context).ConfigureAwait(false);
        return new IngestPortfoliosResponse { Ack = ack };
    }

    public override async Task<IngestInstrumentsResponse> IngestInstruments(IngestInstrumentsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ack = await WriteAsync(nameof(IngestInstruments), EntityTypes.Instrument, request, r => r.IdempotencyKey, (r, k) => r.IdempotencyKey = k,
            new IngestionBatch { Instruments = request.Instruments }, context).ConfigureAwait(false);
        return new IngestInstrumentsResponse { Ack = ack };
    }

    public override async Task<IngestTransactionsResponse> IngestTransactions(IngestTransactionsRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ack = await WriteAsync(nameof(IngestTransactions), EntityTypes.Transaction, request, r => r.IdempotencyKey, (r, k) => r.IdempotencyKey = k,
            new IngestionBatch { Transactions = request.Transactions }, context).ConfigureAwait(false);
        return new IngestTransactionsResponse { Ack = ack };
    }

    public override async Task<IngestMarketPricesResponse> IngestMarketPrices(IngestMarketPricesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ack = await WriteAsync(nameof(IngestMarketPrices), EntityTypes.MarketPrice, request, r => r.IdempotencyKey, (r, k) => r.IdempotencyKey = k,
            new IngestionBatch { MarketPrices = request.MarketPrices }, context).ConfigureAwait(false);
        return new IngestMarketPricesResponse { Ack = ack };
    }

    public override async Task<IngestFxRatesResponse> IngestFxRates(IngestFxRatesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ack = await WriteAsync(nameof(IngestFxRates), EntityTypes.FxRate, request, r => r.IdempotencyKey, (r, k) => r.IdempotencyKey = k,
            new IngestionBatch { FxRates = request.FxRates }, context).ConfigureAwait(false);
        return new IngestFxRatesResponse { Ack = ack };
    }

    public override async Task<IngestBusinessDatesResponse> IngestBusinessDates(IngestBusinessDatesRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ack = await WriteAsync(nameof(IngestBusinessDates), EntityTypes.BusinessDate, request, r => r.IdempotencyKey, (r, k) => r.IdempotencyKey = k,
            new IngestionBatch { BusinessDates = request.BusinessDates }, context,
            // Contracts §1.2: a business-date write must carry at least one date.
            v => { if (request.BusinessDates.Count == 0) { v.Add(BatchValidator.Collections.BusinessDates, "at least one business date is required"); } }).ConfigureAwait(false);
        return new IngestBusinessDatesResponse { Ack = ack };
    }

    public override async Task<IngestPortfolioBundleResponse> IngestPortfolioBundle(IngestPortfolioBundleRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        var batch = new IngestionBatch
        {
            BusinessDates = request.BusinessDates,
            Portfolios = request.Portfolios,
            Instruments = request.Instruments,
            Transactions = request.Transactions,
            MarketPrices = request.MarketPrices,
            FxRates = request.FxRates,
        };
        var ack = await WriteAsync(nameof(IngestPortfolioBundle), EntityTypes.Bundle, request, r => r.IdempotencyKey, (r, k) => r.IdempotencyKey = k, batch, context,
            v =>
            {
                // Contracts §1.4: UPSERT (default) or REPLACE, which is upsert-style too; at least one record.
                var mode = request.Mode.ToUpperInvariant();
                if (mode.Length > 0 && mode is not ("UPSERT" or "REPLACE"))
                {
                    v.Add("mode", $"'{FieldRules.Shorten(request.Mode)}' is not supported; expected UPSERT or REPLACE");
                }

                if (batch.Count == 0)
                {
                    v.Add("bundle", "a bundle needs at least one record in one of its lists");
                }
            }).ConfigureAwait(false);
        return new IngestPortfolioBundleResponse { Ack = ack };
    }

    private DateOnly LatestBusinessDate()
        => DateOnly.FromDateTime(_options.TimeProvider.GetUtcNow().UtcDateTime).AddDays(_options.BusinessDateMaxFutureDays);

    private async Task<IngestionAck> WriteAsync<TRequest>(
        string endpoint,
        string entityType,
        TRequest request,
        Func<TRequest, string> getKey,
        Action<TRequest, string> setKey,
        IngestionBatch batch,
        ServerCallContext context,
        Action<ViolationCollector>? requestRules = null)
        where TRequest : Google.Protobuf.IMessage
    {
        ArgumentNullException.ThrowIfNull(context);
        var key = IdempotencyKeys.Resolve(getKey(request), context);
        string fingerprint;
        using (var hash = new RequestFingerprint(endpoint))
        {
            hash.Add(request, getKey, setKey);
            fingerprint = hash.ToHex();
        }

        // Validation first (pure CPU): an invalid request never takes a lock or a connection.
        var violations = new ViolationCollector(_options.MaxViolations);
        requestRules?.Invoke(violations);
        BatchValidator.Validate(batch, default, violations, LatestBusinessDate());
        ThrowIfInvalid(violations);

        await using var write = await IngestionWrite.BeginAsync(_dataSource, _events, key, context.CorrelationId, spoolEvents: false, context.CancellationToken).ConfigureAwait(false);
        if (write.Existing is { } existing)
        {
            return IngestionWrite.ResolveReplay(existing, fingerprint);
        }

        await write.AddAsync(batch, default).ConfigureAwait(false);
        return await FinishAsync(write, endpoint, entityType, batch.Count, fingerprint, violations).ConfigureAwait(false);
    }

    private static async Task<IngestionAck> FinishAsync(IngestionWrite write, string endpoint, string entityType, int acceptedCount, string fingerprint, ViolationCollector violations)
    {
        ThrowIfInvalid(violations);
        if (write.Stage.StagedCount > 0)
        {
            var duplicates = await write.Stage.FindDuplicatesAsync(violations.Limit).ConfigureAwait(false);
            BatchValidator.AddDuplicates(duplicates, violations);
            ThrowIfInvalid(violations);
        }

        return await write.CommitAsync(endpoint, entityType, acceptedCount, fingerprint).ConfigureAwait(false);
    }

    private static void ThrowIfInvalid(ViolationCollector violations)
    {
        if (violations.Count == 0)
        {
            return;
        }

        var more = violations.IsFull ? $" (the first {violations.Count} are reported)" : string.Empty;
        throw RpcErrors.InvalidArgument(
            $"The request has invalid records{more}; nothing was written.",
            ErrorReasons.ValidationFailed,
            violations.Violations,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["violation_count"] = violations.Count.ToString(CultureInfo.InvariantCulture) });
    }
}
