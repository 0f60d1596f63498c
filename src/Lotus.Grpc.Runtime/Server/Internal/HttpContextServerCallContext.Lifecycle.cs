using Lotus.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Primitives;

namespace Lotus.Grpc.Server.Internal;

/// <summary>Start and end of a call: request checks, response headers, status, deadline.</summary>
internal sealed partial class HttpContextServerCallContext
{
    private static readonly string[] StatusCodeStrings = CreateStatusCodeStrings();

    /// <summary>Reads the call-definition headers and prepares the response headers.</summary>
    public void Initialize(TimeProvider clock)
    {
        var request = httpContext.Request;
        var response = httpContext.Response;

        var correlation = request.Headers[GrpcProtocolConstants.CorrelationIdHeader];
        correlationId = correlation.Count > 0 && !string.IsNullOrWhiteSpace(correlation[0]) && correlation[0]!.Length <= 128
            ? correlation[0]!
            : Guid.NewGuid().ToString("N");

        response.ContentType = GrpcProtocolConstants.ContentType;
        response.Headers[GrpcProtocolConstants.AcceptEncodingHeader] = CompressionProviders.AcceptEncodingValue;
        response.Headers[GrpcProtocolConstants.CorrelationIdHeader] = correlationId;

        var encoding = request.Headers[GrpcProtocolConstants.EncodingHeader];
        RequestEncoding = encoding.Count > 0 ? encoding[0] : null;

        if (Options.ResponseCompressionAlgorithm is { } algorithm
            && CompressionProviders.IsAccepted(request.Headers[GrpcProtocolConstants.AcceptEncodingHeader], algorithm))
        {
            ResponseCompression = CompressionProviders.Find(algorithm);
            response.Headers[GrpcProtocolConstants.EncodingHeader] = algorithm;
        }

        // gRPC limits messages itself; Kestrel's body-size cap would cut long streams (grpc-protocol.md section 13).
        if (httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } maxBody)
        {
            maxBody.MaxRequestBodySize = null;
        }

        if (Method.Type is MethodType.ClientStreaming or MethodType.DuplexStreaming)
        {
            if (httpContext.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } minRate)
            {
                minRate.MinDataRate = null;
            }

            httpContext.Features.Get<IHttpRequestTimeoutFeature>()?.DisableTimeout();
        }

        // A streamed response is flushed from the thread pool too (HttpContextStreamWriter): serialize it.
        if (Method.Type is MethodType.ServerStreaming or MethodType.DuplexStreaming)
        {
            writeLock = new SemaphoreSlim(1, 1);
        }

        var timeoutHeader = request.Headers[GrpcProtocolConstants.TimeoutHeader];
        if (timeoutHeader.Count > 0)
        {
            var text = timeoutHeader[0];
            if (!GrpcTimeout.TryParse(text, out var timeout))
            {
                throw new RpcException(StatusCode.Internal, ProtocolErrors.InvalidTimeout(text ?? string.Empty));
            }

            writeLock ??= new SemaphoreSlim(1, 1);
            deadlineManager = new ServerCallDeadlineManager(timeout, clock, httpContext.RequestAborted, DeadlineExceededAsync);
        }
    }

    /// <summary>Ends the call with <see cref="Status"/> and <see cref="ResponseTrailers"/>, unless the deadline already did.</summary>
    public async Task CompleteAsync()
    {
        if (writeLock is not null)
        {
            await writeLock.WaitAsync().ConfigureAwait(false);
        }

        try
        {
            if (completed)
            {
                return;
            }

            completed = true;
            WriteStatus(Status, responseTrailers);
        }
        finally
        {
            writeLock?.Release();
        }
    }

    /// <summary>Marks the call finished (nothing more may be written) and releases the deadline.</summary>
    public async ValueTask ReleaseAsync()
    {
        deadlineManager?.StopTimer();
        if (writeLock is null)
        {
            completed = true;
            return;
        }

        // Under the lock, so a deferred flush or the deadline never touches the response afterwards.
        await writeLock.WaitAsync().ConfigureAwait(false);
        completed = true;
        writeLock.Release();
        if (deadlineManager is not null)
        {
            await deadlineManager.DeadlineTask.ConfigureAwait(false);
            deadlineManager.Dispose();
        }
    }

    private async Task DeadlineExceededAsync()
    {
        await writeLock!.WaitAsync().ConfigureAwait(false);
        try
        {
            if (completed)
            {
                return;
            }

            completed = true;
            GrpcServerLog.DeadlineExceeded(logger, Method.FullName, correlationId);
            WriteStatus(new Status(StatusCode.DeadlineExceeded, ProtocolErrors.DeadlineExceeded), responseTrailers);
            // No RST_STREAM(CANCEL) after the status, unlike grpc-dotnet: a reset discards output still
            // held back by flow control, trailers included, and the client would see CANCEL instead
            // of DEADLINE_EXCEEDED. Kestrel resets with NO_ERROR itself if the request is still open.
            await httpContext.Response.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // The client may already be gone; nothing else can be done for this call.
            GrpcServerLog.ErrorCompletingAfterDeadline(logger, Method.FullName, correlationId, e);
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <summary>The status sent to the client; CANCELLED until one is written (client reset).</summary>
    public StatusCode FinalStatusCode { get; private set; } = StatusCode.Cancelled;

    private void WriteStatus(Status status, Metadata? trailers)
    {
        FinalStatusCode = status.Code;
        var response = httpContext.Response;

        // Trailers-Only when nothing was sent: status goes in the (only) HEADERS block.
        var target = response.HasStarted || messageWritten ? GetTrailers(response) : response.Headers;
        target[GrpcProtocolConstants.StatusHeader] = StatusCodeString(status.Code);
        if (!string.IsNullOrEmpty(status.Detail))
        {
            target[GrpcProtocolConstants.MessageHeader] = PercentEncoding.Encode(status.Detail);
        }

        if (status.Details is { } details)
        {
            target[GrpcProtocolConstants.StatusDetailsHeader] = StatusDetails.Encode(details);
        }

        if (trailers is { Count: > 0 })
        {
            HeaderMetadata.AppendTo(trailers, target);
        }
    }

    private static IHeaderDictionary GetTrailers(HttpResponse response) =>
        response.HttpContext.Features.Get<IHttpResponseTrailersFeature>()?.Trailers
        ?? throw new InvalidOperationException("The server does not support response trailers (HTTP/2 required).");

    private static StringValues StatusCodeString(StatusCode code) =>
        (int)code is >= 0 and < 17 ? StatusCodeStrings[(int)code] : ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string[] CreateStatusCodeStrings()
    {
        var values = new string[17];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return values;
    }
}
