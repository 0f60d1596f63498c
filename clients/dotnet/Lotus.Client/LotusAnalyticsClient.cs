using System.Runtime.CompilerServices;
using Google.Protobuf;
using Lotus.Client.Internal;
using Lotus.Core.V1;
using Lotus.Grpc;

namespace Lotus.Client;

/// <summary>
/// Client of lotus.core.v1.AnalyticsInputService (RFC 063 analytics inputs). One method per rpc
/// (unary: Task; server stream: IAsyncEnumerable), each with a deadline and a CancellationToken, plus
/// readers that yield every row of a window by stream or by pages. Every rpc here is a read (or, for
/// CreateExportJob, deduplicated by request fingerprint), so UNAVAILABLE is retried per <see cref="RetryPolicy"/>.
/// Failures surface as <see cref="LotusClientException"/>.
/// </summary>
public sealed class LotusAnalyticsClient
{
    private readonly AnalyticsInputService.AnalyticsInputServiceClient client;
    private readonly CallRunner runner;
    private readonly PageTraversal<PortfolioTimeseries> portfolioPages;
    private readonly PageTraversal<PositionTimeseries> positionPages;

    public LotusAnalyticsClient(CallInvoker callInvoker, LotusClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(callInvoker);
        client = new AnalyticsInputService.AnalyticsInputServiceClient(callInvoker);
        runner = new CallRunner(options ?? new LotusClientOptions());
        portfolioPages = new PageTraversal<PortfolioTimeseries>(runner, p => p.Page?.NextPageToken ?? string.Empty);
        positionPages = new PageTraversal<PositionTimeseries>(runner, p => p.Page?.NextPageToken ?? string.Empty);
    }

    public Task<GetPortfolioTimeseriesResponse> GetPortfolioTimeseriesAsync(GetPortfolioTimeseriesRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.GetPortfolioTimeseriesAsync(request, o), idempotent: true, deadline, cancellationToken);

    public IAsyncEnumerable<StreamPortfolioTimeseriesResponse> StreamPortfolioTimeseries(StreamPortfolioTimeseriesRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.StreamAsync(o => client.StreamPortfolioTimeseries(request, o), idempotent: true, deadline, cancellationToken);

    public Task<GetPositionTimeseriesResponse> GetPositionTimeseriesAsync(GetPositionTimeseriesRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.GetPositionTimeseriesAsync(request, o), idempotent: true, deadline, cancellationToken);

    public IAsyncEnumerable<StreamPositionTimeseriesResponse> StreamPositionTimeseries(StreamPositionTimeseriesRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.StreamAsync(o => client.StreamPositionTimeseries(request, o), idempotent: true, deadline, cancellationToken);

    public Task<GetAnalyticsReferenceResponse> GetAnalyticsReferenceAsync(GetAnalyticsReferenceRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.GetAnalyticsReferenceAsync(request, o), idempotent: true, deadline, cancellationToken);

    public Task<GetInstrumentEnrichmentResponse> GetInstrumentEnrichmentAsync(GetInstrumentEnrichmentRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.GetInstrumentEnrichmentAsync(request, o), idempotent: true, deadline, cancellationToken);

    public Task<GetCoreSnapshotResponse> GetCoreSnapshotAsync(GetCoreSnapshotRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.GetCoreSnapshotAsync(request, o), idempotent: true, deadline, cancellationToken);

    /// <summary>Retried like a read: the same request fingerprint returns the same job (analytics_service.proto).</summary>
    public Task<CreateExportJobResponse> CreateExportJobAsync(CreateExportJobRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.CreateExportJobAsync(request, o), idempotent: true, deadline, cancellationToken);

    public Task<GetExportJobResponse> GetExportJobAsync(GetExportJobRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.UnaryAsync(o => client.GetExportJobAsync(request, o), idempotent: true, deadline, cancellationToken);

    public IAsyncEnumerable<GetExportJobResultResponse> GetExportJobResult(GetExportJobResultRequest request, DateTime? deadline = null, CancellationToken cancellationToken = default)
        => runner.StreamAsync(o => client.GetExportJobResult(request, o), idempotent: true, deadline, cancellationToken);

    /// <summary>Every page of the portfolio timeseries of [start, end] (inclusive), by stream or by pages.</summary>
    public IAsyncEnumerable<PortfolioTimeseries> ReadPortfolioTimeseriesPagesAsync(string portfolioId, DateOnly start, DateOnly end, TimeseriesReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TimeseriesReadOptions();
        var request = PortfolioRequest(portfolioId, start, end, options);
        return options.UseStream
            ? portfolioPages.ByStreamAsync(
                request.Page.PageToken,
                (token, o) => client.StreamPortfolioTimeseries(WithToken(StreamPortfolioTimeseriesRequest.Parser, request, token, r => r.Page), o),
                r => r.PortfolioTimeseries,
                options.Deadline,
                cancellationToken)
            : portfolioPages.ByPagesAsync(
                request.Page.PageToken,
                (token, o) => client.GetPortfolioTimeseriesAsync(WithToken(GetPortfolioTimeseriesRequest.Parser, request, token, r => r.Page), o),
                r => r.PortfolioTimeseries,
                options.Deadline,
                cancellationToken);
    }

    /// <summary>Every observation of the portfolio timeseries of [start, end], in server order (valuation_date ascending).</summary>
    public async IAsyncEnumerable<PortfolioObservation> ReadPortfolioTimeseriesAsync(string portfolioId, DateOnly start, DateOnly end, TimeseriesReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in ReadPortfolioTimeseriesPagesAsync(portfolioId, start, end, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var observation in page.Observations)
            {
                yield return observation;
            }
        }
    }

    /// <summary>Every page of the position timeseries of [start, end] (inclusive), by stream or by pages.</summary>
    public IAsyncEnumerable<PositionTimeseries> ReadPositionTimeseriesPagesAsync(string portfolioId, DateOnly start, DateOnly end, PositionTimeseriesReadOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new PositionTimeseriesReadOptions();
        var request = PositionRequest(portfolioId, start, end, options);
        return options.UseStream
            ? positionPages.ByStreamAsync(
                request.Page.PageToken,
                (token, o) => client.StreamPositionTimeseries(WithToken(StreamPositionTimeseriesRequest.Parser, request, token, r => r.Page), o),
                r => r.PositionTimeseries,
                options.Deadline,
                cancellationToken)
            : positionPages.ByPagesAsync(
                request.Page.PageToken,
                (token, o) => client.GetPositionTimeseriesAsync(WithToken(GetPositionTimeseriesRequest.Parser, request, token, r => r.Page), o),
                r => r.PositionTimeseries,
                options.Deadline,
                cancellationToken);
    }

    /// <summary>Every row of the position timeseries of [start, end], in server order.</summary>
    public async IAsyncEnumerable<PositionTimeseriesRow> ReadPositionTimeseriesAsync(string portfolioId, DateOnly start, DateOnly end, PositionTimeseriesReadOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var page in ReadPositionTimeseriesPagesAsync(portfolioId, start, end, options, cancellationToken).ConfigureAwait(false))
        {
            foreach (var row in page.Rows)
            {
                yield return row;
            }
        }
    }

    internal static GetPortfolioTimeseriesRequest PortfolioRequest(string portfolioId, DateOnly start, DateOnly end, TimeseriesReadOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(portfolioId);
        return new GetPortfolioTimeseriesRequest
        {
            PortfolioId = portfolioId,
            AsOfDate = options.AsOfDate is { } asOf ? DateString.Format(asOf) : string.Empty,
            Window = new DateWindow { StartDate = DateString.Format(start), EndDate = DateString.Format(end) },
            ReportingCurrency = options.ReportingCurrency ?? string.Empty,
            Frequency = options.Frequency,
            ConsumerSystem = options.ConsumerSystem ?? string.Empty,
            TenantId = options.TenantId ?? string.Empty,
            MissingObservationPolicy = options.MissingObservationPolicy ?? string.Empty,
            Page = new PageRequest { PageSize = options.PageSize },
        };
    }

    internal static GetPositionTimeseriesRequest PositionRequest(string portfolioId, DateOnly start, DateOnly end, PositionTimeseriesReadOptions options)
    {
        // Fields 1-10 are the portfolio request's, with the same numbers.
        var request = GetPositionTimeseriesRequest.Parser.ParseFrom(PortfolioRequest(portfolioId, start, end, options).ToByteString());
        request.Dimensions.AddRange(options.Dimensions);
        if (options.IncludeCashFlows is { } include)
        {
            request.IncludeCashFlows = include;
        }

        if (options.Filters is not null)
        {
            request.Filters = options.Filters.Clone();
        }

        return request;
    }

    /// <summary>
    /// The same request as another message type with the given page token. The Get and Stream requests
    /// of a timeseries declare the same fields with the same numbers (checked by a test), so the bytes carry over.
    /// </summary>
    private static TTarget WithToken<TTarget>(MessageParser<TTarget> parser, IMessage source, string token, Func<TTarget, PageRequest?> page)
        where TTarget : IMessage<TTarget>
    {
        var target = parser.ParseFrom(source.ToByteString());
        var pageRequest = page(target) ?? throw new InvalidOperationException("request without page");
        pageRequest.PageToken = token;
        return target;
    }
}
