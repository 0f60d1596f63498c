using System.Data.Common;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Storage.Analytics;

namespace Lotus.Host.Services.Analytics;

/// <summary>
/// lotus.core.v1.AnalyticsInputService (RFC 063): timeseries pages and streams, analytics reference,
/// instrument enrichment, core snapshot and export jobs. Reads go through <see cref="IAnalyticsStore"/> at
/// a pinned data version; store failures answer SOURCE_UNAVAILABLE.
/// </summary>
public sealed partial class AnalyticsInputService : global::Lotus.Core.V1.AnalyticsInputService.AnalyticsInputServiceBase
{
    private readonly IAnalyticsStore _store;
    private readonly IExportJobStore _exports;
    private readonly AnalyticsOptions _options;
    private readonly TimeProvider _time;
    private readonly AnalyticsPageTokenCodec _tokens;
    private readonly TimeseriesRequestParser _parser;
    private readonly PortfolioTimeseriesReader _portfolioReader;
    private readonly PositionTimeseriesReader _positionReader;

    public AnalyticsInputService(IAnalyticsStore store, IExportJobStore exports, AnalyticsOptions options, TimeProvider time)
    {
        _store = store;
        _exports = exports;
        _options = options;
        _time = time;
        _tokens = new AnalyticsPageTokenCodec(options, time);
        _parser = new TimeseriesRequestParser(options);
        _portfolioReader = new PortfolioTimeseriesReader(store, _tokens, time);
        _positionReader = new PositionTimeseriesReader(store, _tokens, time);
    }

    public override Task<GetPortfolioTimeseriesResponse> GetPortfolioTimeseries(GetPortfolioTimeseriesRequest request, ServerCallContext context)
        => Guard(AnalyticsVocabulary.PortfolioTimeseriesProduct, async () =>
        {
            var query = _parser.Parse(request);
            var resolved = await TimeseriesContext.ResolveAsync(query, _store, _tokens, _options, context.CancellationToken).ConfigureAwait(false);
            PortfolioTimeseries? page = null;
            await _portfolioReader.TraverseAsync(resolved, singlePage: true, p => { page = p; return Task.CompletedTask; }, context.CancellationToken).ConfigureAwait(false);
            return new GetPortfolioTimeseriesResponse { PortfolioTimeseries = page };
        });

    public override Task StreamPortfolioTimeseries(StreamPortfolioTimeseriesRequest request, IServerStreamWriter<StreamPortfolioTimeseriesResponse> responseStream, ServerCallContext context)
        => Guard(AnalyticsVocabulary.PortfolioTimeseriesProduct, async () =>
        {
            var query = _parser.Parse(request);
            var resolved = await TimeseriesContext.ResolveAsync(query, _store, _tokens, _options, context.CancellationToken).ConfigureAwait(false);
            await _portfolioReader.TraverseAsync(
                resolved,
                singlePage: false,
                p => responseStream.WriteAsync(new StreamPortfolioTimeseriesResponse { PortfolioTimeseries = p }, context.CancellationToken),
                context.CancellationToken).ConfigureAwait(false);
            return true;
        });

    public override Task<GetPositionTimeseriesResponse> GetPositionTimeseries(GetPositionTimeseriesRequest request, ServerCallContext context)
        => Guard(AnalyticsVocabulary.PositionTimeseriesProduct, async () =>
        {
            var query = _parser.Parse(request);
            var resolved = await TimeseriesContext.ResolveAsync(query, _store, _tokens, _options, context.CancellationToken).ConfigureAwait(false);
            PositionTimeseries? page = null;
            await _positionReader.TraverseAsync(resolved, singlePage: true, p => { page = p; return Task.CompletedTask; }, context.CancellationToken).ConfigureAwait(false);
            return new GetPositionTimeseriesResponse { PositionTimeseries = page };
        });

    public override Task StreamPositionTimeseries(StreamPositionTimeseriesRequest request, IServerStreamWriter<StreamPositionTimeseriesResponse> responseStream, ServerCallContext context)
        => Guard(AnalyticsVocabulary.PositionTimeseriesProduct, async () =>
        {
            var query = _parser.Parse(request);
            var resolved = await TimeseriesContext.ResolveAsync(query, _store, _tokens, _options, context.CancellationToken).ConfigureAwait(false);
            await _positionReader.TraverseAsync(
                resolved,
                singlePage: false,
                p => responseStream.WriteAsync(new StreamPositionTimeseriesResponse { PositionTimeseries = p }, context.CancellationToken),
                context.CancellationToken).ConfigureAwait(false);
            return true;
        });

    /// <summary>Runs a handler, turning store failures into SOURCE_UNAVAILABLE.</summary>
    private static async Task<T> Guard<T>(string product, Func<Task<T>> handler)
    {
        try
        {
            return await handler().ConfigureAwait(false);
        }
        catch (DbException ex)
        {
            throw AnalyticsErrors.Create(AnalyticsErrorClass.SourceUnavailable, "The analytics source is unavailable: " + ex.Message, product);
        }
        catch (TimeoutException ex)
        {
            throw AnalyticsErrors.Create(AnalyticsErrorClass.SourceUnavailable, "The analytics source timed out: " + ex.Message, product);
        }
    }

    internal async Task<AnalyticsPortfolio> RequirePortfolioAsync(string portfolioId, string tenantId, string product, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(portfolioId))
        {
            throw AnalyticsErrors.InvalidField("portfolio_id", "is required", product);
        }

        var portfolio = await _store.GetPortfolioAsync(portfolioId, cancellationToken).ConfigureAwait(false);
        if (portfolio is null || (tenantId.Length > 0 && portfolio.TenantId is { Length: > 0 } tenant && !string.Equals(tenant, tenantId, StringComparison.Ordinal)))
        {
            throw AnalyticsErrors.Create(AnalyticsErrorClass.ResourceNotFound, $"Portfolio '{portfolioId}' not found", product);
        }

        return portfolio;
    }

    internal static DateOnly RequireDate(string value, string field, string product)
    {
        (string Field, string Message)? problem = null;
        var date = TimeseriesRequestParser.ParseDate(value, field, required: true, (f, m) => problem = (f, m));
        return problem is { } p ? throw AnalyticsErrors.InvalidField(p.Field, p.Message, product) : date!.Value;
    }
}
