using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Google.Api;
using Google.Protobuf;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Storage.Analytics;

namespace Lotus.Host.Services.Analytics.Export;

/// <summary>
/// Streams a completed export as HttpBody chunks, one stored chunk at a time (never the whole result in
/// memory). NDJSON like the original: a metadata line {"record_type":"metadata", job_id, dataset_type,
/// generated_at, contract_version, result_row_count} then {"record_type":"data","record":{...}} per row.
/// JSON: {"job_id", "dataset_type", "request_fingerprint", "lifecycle_mode", "generated_at",
/// "contract_version", "result_row_count", "data":[...]}. gzip compresses while streaming.
/// </summary>
public static class ExportResultWriter
{
    private const int MessageBytes = 64 * 1024;

    public static async Task WriteAsync(ExportJobRecord job, IExportJobStore jobs, string format, string compression, IServerStreamWriter<GetExportJobResultResponse> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(output);
        var contentType = format == "ndjson" ? "application/x-ndjson" : "application/json";
        var pending = new MemoryStream(MessageBytes * 2);
        Stream sink = compression == "gzip" ? new GZipStream(pending, CompressionLevel.Fastest, leaveOpen: true) : pending;

        async Task Emit(bool force)
        {
            if (pending.Length == 0 || (!force && pending.Length < MessageBytes))
            {
                return;
            }

            var body = new HttpBody { ContentType = contentType, Data = ByteString.CopyFrom(pending.GetBuffer(), 0, (int)pending.Length) };
            pending.SetLength(0);
            await output.WriteAsync(new GetExportJobResultResponse { Chunk = body }, cancellationToken).ConfigureAwait(false);
        }

        async Task Write(ReadOnlyMemory<byte> bytes)
        {
            await sink.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await Emit(force: false).ConfigureAwait(false);
        }

        var ndjson = format == "ndjson";
        await Write(Header(job, ndjson)).ConfigureAwait(false);
        var first = true;
        var dataPrefix = Encoding.UTF8.GetBytes("{\"record_type\":\"data\",\"record\":");
        var lineEnd = Encoding.UTF8.GetBytes("}\n");
        await foreach (var chunk in jobs.ReadChunksAsync(job.JobId, job.Attempt, cancellationToken).ConfigureAwait(false))
        {
            var remaining = chunk;
            while (remaining.Length > 0)
            {
                var end = remaining.Span.IndexOf((byte)'\n');
                var record = end < 0 ? remaining : remaining[..end];
                remaining = end < 0 ? ReadOnlyMemory<byte>.Empty : remaining[(end + 1)..];
                if (ndjson)
                {
                    await sink.WriteAsync(dataPrefix, cancellationToken).ConfigureAwait(false);
                    await sink.WriteAsync(record, cancellationToken).ConfigureAwait(false);
                    await sink.WriteAsync(lineEnd, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    if (!first)
                    {
                        await sink.WriteAsync(","u8.ToArray(), cancellationToken).ConfigureAwait(false);
                    }

                    await sink.WriteAsync(record, cancellationToken).ConfigureAwait(false);
                }

                first = false;
            }

            await Emit(force: false).ConfigureAwait(false);
        }

        if (!ndjson)
        {
            await sink.WriteAsync("]}"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        if (!ReferenceEquals(sink, pending))
        {
            await sink.DisposeAsync().ConfigureAwait(false);
        }

        await Emit(force: true).ConfigureAwait(false);
    }

    private static byte[] Header(ExportJobRecord job, bool ndjson)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (ndjson)
            {
                json.WriteString("record_type", "metadata");
            }

            json.WriteString("job_id", job.JobId);
            json.WriteString("dataset_type", job.DatasetType);
            json.WriteString("request_fingerprint", job.RequestFingerprint);
            json.WriteString("lifecycle_mode", ExportJobView.LifecycleMode);
            json.WriteString("generated_at", job.GeneratedAt is { } at ? Decimals.Timestamp(at) : string.Empty);
            json.WriteString("contract_version", AnalyticsVocabulary.ContractVersion);
            json.WriteNumber("result_row_count", job.ResultRowCount);
            if (ndjson)
            {
                json.WriteEndObject();
            }
            else
            {
                json.WritePropertyName("data");
                json.WriteStartArray();
                json.Flush();
            }
        }

        var bytes = buffer.ToArray();
        return ndjson ? [.. bytes, (byte)'\n'] : bytes;
    }
}
