using Lotus.Client.Internal;
using Lotus.Core.V1;
using Lotus.Grpc;

namespace Lotus.Client;

/// <summary>
/// Client of lotus.core.v1.IngestionService. Writes are retried on UNAVAILABLE only when they carry an
/// idempotency_key: the server then replays the original acknowledgement instead of writing twice
/// (ingestion_service.proto). Without a key a write is never retried. IngestStream (client streaming)
/// is never retried. GetIngestionJob is a read and is retried.
/// </summary>
public sealed class LotusIngestionClient
{
    private readonly IngestionService.IngestionServiceClient client;
    private readonly CallRunner runner;

    public LotusIngestionClient(CallInvoker callInvoker, LotusClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(callInvoker);
        client = new IngestionService.IngestionServiceClient(callInvoker);
        runner = new CallRunner(options ?? new LotusClientOptions());
    }

    public Task<IngestPortfoliosResponse> IngestPortfoliosAsync(IngestPortfoliosRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.IngestPortfoliosAsync(request, o), HasKey(request.IdempotencyKey), deadline, cancellationToken);

    public Task<IngestInstrumentsResponse> IngestInstrumentsAsync(IngestInstrumentsRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.IngestInstrumentsAsync(request, o), HasKey(request.IdempotencyKey), deadline, cancellationToken);

    public Task<IngestTransactionsResponse> IngestTransactionsAsync(IngestTransactionsRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.IngestTransactionsAsync(request, o), HasKey(request.IdempotencyKey), deadline, cancellationToken);

    public Task<IngestMarketPricesResponse> IngestMarketPricesAsync(IngestMarketPricesRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.IngestMarketPricesAsync(request, o), HasKey(request.IdempotencyKey), deadline, cancellationToken);

    public Task<IngestFxRatesResponse> IngestFxRatesAsync(IngestFxRatesRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.IngestFxRatesAsync(request, o), HasKey(request.IdempotencyKey), deadline, cancellationToken);

    public Task<IngestBusinessDatesResponse> IngestBusinessDatesAsync(IngestBusinessDatesRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.IngestBusinessDatesAsync(request, o), HasKey(request.IdempotencyKey), deadline, cancellationToken);

    public Task<IngestPortfolioBundleResponse> IngestPortfolioBundleAsync(IngestPortfolioBundleRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.IngestPortfolioBundleAsync(request, o), HasKey(request.IdempotencyKey), deadline, cancellationToken);

    /// <summary>Sends every chunk, half-closes and returns the acknowledgement. Never retried.</summary>
    public async Task<IngestStreamResponse> IngestStreamAsync(IAsyncEnumerable<IngestStreamRequest> chunks, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        try
        {
            using var call = client.IngestStream(runner.CreateCallOptions(deadline, cancellationToken));
            await foreach (var chunk in chunks.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await call.RequestStream.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            }

            await call.RequestStream.CompleteAsync().ConfigureAwait(false);
            return await call.ResponseAsync.ConfigureAwait(false);
        }
        catch (RpcException e)
        {
            throw ErrorMapping.ToClientException(e);
        }
    }

    public Task<GetIngestionJobResponse> GetIngestionJobAsync(GetIngestionJobRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.GetIngestionJobAsync(request, o), idempotent: true, deadline, cancellationToken);

    private static bool HasKey(string idempotencyKey) => idempotencyKey.Length > 0;
}
