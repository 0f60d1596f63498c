using System.Text;
using Google.Protobuf;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Storage.Analytics;

namespace Lotus.Host.Services.Analytics.Export;

/// <summary>
/// Runs one claimed export: traverses the requested timeseries exactly as the stream rpc does (same
/// readers, one streaming read), writes every row as one NDJSON line of its JSON (proto field names)
/// into chunks of about <see cref="ChunkBytes"/>, extending the lease with each chunk, then completes
/// the job. An RpcException of the traversal (portfolio gone, missing FX) fails the job with its message.
/// </summary>
public sealed class ExportJobExecutor(IAnalyticsStore store, IExportJobStore jobs, AnalyticsOptions options, TimeProvider time)
{
    public const int ChunkBytes = 256 * 1024;

    internal static readonly JsonFormatter RecordFormatter = new(JsonFormatter.Settings.Default.WithPreserveProtoFieldNames(true).WithFormatDefaultValues(true));

    /// <summary>Called after each chunk is stored (tests use it to simulate a crash mid-export).</summary>
    public Func<ExportClaim, int, Task>? AfterChunk { get; set; }

    /// <returns>True when the job completed or failed under this claim; false when the claim was lost.</returns>
    public async Task<bool> RunAsync(ExportClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var request = CreateExportJobRequest.Parser.ParseFrom(claim.Job.Request);
        var tokens = new AnalyticsPageTokenCodec(options, time);
        var parser = new TimeseriesRequestParser(options);
        var buffer = new MemoryStream(ChunkBytes + 64 * 1024);
        var rows = 0L;
        var chunkRows = 0;
        var seq = 0;
        var lost = false;

        async Task Flush()
        {
            if (buffer.Length == 0 || lost)
            {
                return;
            }

            if (!await jobs.AppendChunkAsync(claim, seq, chunkRows, buffer.GetBuffer().AsMemory(0, (int)buffer.Length), rows, options.ExportLease, cancellationToken).ConfigureAwait(false))
            {
                lost = true;
                return;
            }

            if (AfterChunk is { } hook)
            {
                await hook(claim, seq).ConfigureAwait(false);
            }

            seq++;
            chunkRows = 0;
            buffer.SetLength(0);
        }

        async Task Add(IMessage record)
        {
            var line = Encoding.UTF8.GetBytes(RecordFormatter.Format(record));
            buffer.Write(line);
            buffer.WriteByte((byte)'\n');
            rows++;
            chunkRows++;
            if (buffer.Length >= ChunkBytes)
            {
                await Flush().ConfigureAwait(false);
            }
        }

        try
        {
            if (claim.Job.DatasetType == "portfolio_timeseries")
            {
                var inner = request.PortfolioTimeseriesRequest.Clone();
                inner.Page = new PageRequest { PageSize = options.ExportPageSize };
                var query = parser.Parse(inner) with { PageSize = options.ExportPageSize };
                var context = await TimeseriesContext.ResolveAsync(query, store, tokens, options, cancellationToken).ConfigureAwait(false);
                await new PortfolioTimeseriesReader(store, tokens, time).TraverseAsync(context, singlePage: false, async page =>
                {
                    foreach (var observation in page.Observations)
                    {
                        await Add(observation).ConfigureAwait(false);
                    }
                }, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var inner = request.PositionTimeseriesRequest.Clone();
                inner.Page = new PageRequest { PageSize = options.ExportPageSize };
                var query = parser.Parse(inner) with { PageSize = options.ExportPageSize };
                var context = await TimeseriesContext.ResolveAsync(query, store, tokens, options, cancellationToken).ConfigureAwait(false);
                await new PositionTimeseriesReader(store, tokens, time).TraverseAsync(context, singlePage: false, async page =>
                {
                    foreach (var row in page.Rows)
                    {
                        await Add(row).ConfigureAwait(false);
                    }
                }, cancellationToken).ConfigureAwait(false);
            }

            await Flush().ConfigureAwait(false);
            return !lost && await jobs.CompleteAsync(claim, rows, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException ex)
        {
            return await jobs.FailAsync(claim, ex.Status.Detail, cancellationToken).ConfigureAwait(false);
        }
    }
}
