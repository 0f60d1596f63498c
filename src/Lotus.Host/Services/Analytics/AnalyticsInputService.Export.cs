using System.Security.Cryptography;
using Google.Protobuf;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Analytics.Export;
using Lotus.Storage.Analytics;

namespace Lotus.Host.Services.Analytics;

public sealed partial class AnalyticsInputService
{
    public override Task<CreateExportJobResponse> CreateExportJob(CreateExportJobRequest request, ServerCallContext context)
        => Guard(AnalyticsVocabulary.ExportProduct, async () =>
        {
            const string product = AnalyticsVocabulary.ExportProduct;
            var canonical = request.Clone();
            canonical.ResultFormat = request.ResultFormat.Length == 0 ? "json" : request.ResultFormat;
            canonical.Compression = request.Compression.Length == 0 ? "none" : request.Compression;
            canonical.ConsumerSystem = request.ConsumerSystem.Length == 0 ? AnalyticsVocabulary.DefaultConsumerSystem : request.ConsumerSystem;
            if (canonical.ResultFormat is not ("json" or "ndjson"))
            {
                throw AnalyticsErrors.InvalidField("result_format", "must be json or ndjson", product);
            }

            if (canonical.Compression is not ("none" or "gzip"))
            {
                throw AnalyticsErrors.InvalidField("compression", "must be none or gzip", product);
            }

            TimeseriesQuery query;
            switch (request.DatasetType)
            {
                case "portfolio_timeseries" when request.PortfolioTimeseriesRequest is not null && request.PositionTimeseriesRequest is null:
                    canonical.PortfolioTimeseriesRequest.PortfolioId = Scope(request.PortfolioId, request.PortfolioTimeseriesRequest.PortfolioId, product);
                    canonical.PortfolioTimeseriesRequest.Page = null;
                    query = _parser.Parse(canonical.PortfolioTimeseriesRequest);
                    break;
                case "position_timeseries" when request.PositionTimeseriesRequest is not null && request.PortfolioTimeseriesRequest is null:
                    canonical.PositionTimeseriesRequest.PortfolioId = Scope(request.PortfolioId, request.PositionTimeseriesRequest.PortfolioId, product);
                    canonical.PositionTimeseriesRequest.Page = null;
                    query = _parser.Parse(canonical.PositionTimeseriesRequest);
                    break;
                case "portfolio_timeseries" or "position_timeseries":
                    throw AnalyticsErrors.InvalidField("dataset_type", "exactly the matching *_timeseries_request must be given", product);
                default:
                    throw AnalyticsErrors.InvalidField("dataset_type", "must be portfolio_timeseries or position_timeseries", product);
            }

            canonical.PortfolioId = query.PortfolioId;
            var resolved = await TimeseriesContext.ResolveAsync(query, _store, _tokens, _options, context.CancellationToken).ConfigureAwait(false);
            var estimate = DiagnosticsBuilder.Build(resolved).Diagnostics.CardinalityEstimate;
            var fingerprint = AnalyticsFingerprint.Hash("analytics-export", canonical);
            var candidate = new ExportJobRecord(
                "aexp_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
                request.DatasetType,
                query.PortfolioId,
                fingerprint,
                canonical.ToByteArray(),
                canonical.ResultFormat,
                canonical.Compression,
                "accepted",
                0,
                0,
                estimate,
                null,
                _time.GetUtcNow(),
                null,
                null,
                null);
            var (job, disposition) = await _exports.CreateOrGetAsync(candidate, context.CancellationToken).ConfigureAwait(false);
            return new CreateExportJobResponse { Job = ExportJobView.Of(job, disposition switch
            {
                ExportDisposition.ReusedCompleted => "reused_completed",
                ExportDisposition.ReusedInflight => "reused_inflight",
                _ => "created",
            }) };
        });

    public override Task<GetExportJobResponse> GetExportJob(GetExportJobRequest request, ServerCallContext context)
        => Guard(AnalyticsVocabulary.ExportProduct, async () =>
        {
            var job = await RequireJobAsync(request.JobId, context.CancellationToken).ConfigureAwait(false);
            return new GetExportJobResponse { Job = ExportJobView.Of(job, "status_lookup") };
        });

    public override Task GetExportJobResult(GetExportJobResultRequest request, IServerStreamWriter<GetExportJobResultResponse> responseStream, ServerCallContext context)
        => Guard(AnalyticsVocabulary.ExportProduct, async () =>
        {
            const string product = AnalyticsVocabulary.ExportProduct;
            var job = await RequireJobAsync(request.JobId, context.CancellationToken).ConfigureAwait(false);
            var format = request.ResultFormat.Length == 0 ? job.ResultFormat : request.ResultFormat;
            var compression = request.Compression.Length == 0 ? job.Compression : request.Compression;
            if (format is not ("json" or "ndjson"))
            {
                throw AnalyticsErrors.InvalidField("result_format", "must be json or ndjson", product);
            }

            if (compression is not ("none" or "gzip"))
            {
                throw AnalyticsErrors.InvalidField("compression", "must be none or gzip", product);
            }

            if (job.Status != "completed")
            {
                throw AnalyticsErrors.Create(AnalyticsErrorClass.InsufficientData, $"Export job '{job.JobId}' is {job.Status}; its result is not available", product);
            }

            await ExportResultWriter.WriteAsync(job, _exports, format, compression, responseStream, context.CancellationToken).ConfigureAwait(false);
            return true;
        });

    private static string Scope(string outer, string inner, string product)
    {
        if (outer.Length > 0 && inner.Length > 0 && !string.Equals(outer, inner, StringComparison.Ordinal))
        {
            throw AnalyticsErrors.InvalidField("portfolio_id", "differs from the timeseries request's portfolio_id", product);
        }

        return inner.Length > 0 ? inner : outer;
    }

    private async Task<ExportJobRecord> RequireJobAsync(string jobId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(jobId))
        {
            throw AnalyticsErrors.InvalidField("job_id", "is required", AnalyticsVocabulary.ExportProduct);
        }

        return await _exports.GetAsync(jobId, cancellationToken).ConfigureAwait(false)
            ?? throw AnalyticsErrors.Create(AnalyticsErrorClass.ResourceNotFound, $"Export job '{jobId}' not found", AnalyticsVocabulary.ExportProduct);
    }
}
