using System.Globalization;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Errors;
using Lotus.Host.Services.Ingestion.Validation;
using Lotus.Storage.Canonical;
using Npgsql;

namespace Lotus.Host.Services.Ingestion;

/// <summary>IngestStream: a large load in chunks, one job, one commit.</summary>
public sealed partial class IngestionService
{
    /// <summary>
    /// Chunks are fingerprinted, validated (indexes count across the stream) and COPY'd to staging
    /// as they arrive, so memory stays bounded by one chunk; everything commits once at the end.
    /// </summary>
    public override async Task<IngestStreamResponse> IngestStream(IAsyncStreamReader<IngestStreamRequest> requestStream, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(requestStream);
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.CancellationToken;
        var violations = new ViolationCollector(_options.MaxViolations);
        using var fingerprint = new RequestFingerprint(nameof(IngestStream));
        var offsets = default(BatchOffsets);
        IngestionWrite? write = null;
        try
        {
            var first = true;
            while (await requestStream.MoveNext(ct).ConfigureAwait(false))
            {
                var chunk = requestStream.Current;
                if (first)
                {
                    // ingestion_service.proto: the key is read from the first message only.
                    var key = IdempotencyKeys.Resolve(chunk.IdempotencyKey, context);
                    write = await IngestionWrite.BeginAsync(_dataSource, _events, key, context.CorrelationId, spoolEvents: true, ct).ConfigureAwait(false);
                    first = false;
                }

                fingerprint.Add(chunk, c => c.IdempotencyKey, (c, k) => c.IdempotencyKey = k);
                var batch = new IngestionBatch
                {
                    BusinessDates = chunk.BusinessDates,
                    Portfolios = chunk.Portfolios,
                    Instruments = chunk.Instruments,
                    Transactions = chunk.Transactions,
                    MarketPrices = chunk.MarketPrices,
                    FxRates = chunk.FxRates,
                };
                if (write!.Existing is null)
                {
                    BatchValidator.Validate(batch, offsets, violations, LatestBusinessDate());
                    if (violations.IsFull)
                    {
                        break;
                    }

                    if (violations.Count == 0)
                    {
                        await write.AddAsync(batch, offsets).ConfigureAwait(false);
                    }
                }

                offsets.Advance(batch);
            }

            write ??= await IngestionWrite.BeginAsync(_dataSource, _events, IdempotencyKeys.Resolve(string.Empty, context), context.CorrelationId, spoolEvents: true, ct).ConfigureAwait(false);
            if (write.Existing is { } existing && violations.Count == 0)
            {
                return new IngestStreamResponse { Ack = IngestionWrite.ResolveReplay(existing, fingerprint.ToHex()) };
            }

            var ack = await FinishAsync(write, nameof(IngestStream), offsets.EntityType, offsets.Total, fingerprint.ToHex(), violations).ConfigureAwait(false);
            return new IngestStreamResponse { Ack = ack };
        }
        finally
        {
            if (write is not null)
            {
                await write.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
