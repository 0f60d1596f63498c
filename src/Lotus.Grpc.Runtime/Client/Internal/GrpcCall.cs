using System.Net;
using Google.Protobuf;
using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Client.Internal;

/// <summary>
/// One client call: the HTTP/2 request, its deadline and cancellation, and its final status. The status is
/// set exactly once, either from the response (trailers, Trailers-Only headers, or HTTP status) or locally
/// (deadline, cancellation, limits, cardinality, transport failure); a local end resets the stream.
/// Reading is in GrpcCall.Response.cs.
/// </summary>
internal sealed partial class GrpcCall<TRequest, TResponse>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private const string UserAgent = "grpc-csharp-lotus/1.0";

    // Longest System.Threading.Timer due time (about 49.7 days); later deadlines are left to the server.
    private static readonly TimeSpan MaxTimerDueTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    private readonly GrpcChannel channel;
    private readonly Method<TRequest, TResponse> method;
    private readonly CallOptions options;
    private readonly string? requestEncoding;
    private readonly ICompressionProvider? compression;
    private readonly DateTime? deadline;
    private readonly CancellationTokenSource callCancellation = new();
    private readonly TaskCompletionSource<Metadata> responseHeaders = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock gate = new();
    private Timer? deadlineTimer;
    private CancellationTokenRegistration cancellationRegistration;
    private StreamingRequestContent? streamingContent;
    private HttpResponseMessage? response;
    private Task<bool> headersTask = Task.FromResult(false);
    private volatile Status? status;
    private volatile Metadata? trailers;

    public GrpcCall(GrpcChannel channel, Method<TRequest, TResponse> method, CallOptions options, string? requestEncoding)
    {
        this.channel = channel;
        this.method = method;
        this.options = options;
        this.requestEncoding = requestEncoding;
        compression = CompressionProviders.Find(requestEncoding);
        deadline = NormalizeDeadline(options.Deadline);
    }

    internal CancellationToken CallToken => callCancellation.Token;

    internal int? MaxSendMessageSize => channel.MaxSendMessageSize;

    internal ICompressionProvider? Compression => compression;

    public AsyncUnaryCall<TResponse> StartUnary(TRequest request)
    {
        if (TryFrame(request, out var frame))
        {
            Begin(new UnaryRequestContent(frame));
        }

        return new AsyncUnaryCall<TResponse>(ReadSingleResponseAsync(), responseHeaders.Task, GetStatus, GetTrailers, Dispose);
    }

    public AsyncServerStreamingCall<TResponse> StartServerStreaming(TRequest request)
    {
        if (TryFrame(request, out var frame))
        {
            Begin(new UnaryRequestContent(frame));
        }

        return new AsyncServerStreamingCall<TResponse>(new ResponseStreamReader(this), responseHeaders.Task, GetStatus, GetTrailers, Dispose);
    }

    public AsyncClientStreamingCall<TRequest, TResponse> StartClientStreaming()
    {
        streamingContent = new StreamingRequestContent();
        Begin(streamingContent);
        var writer = new ClientStreamWriter<TRequest, TResponse>(this, streamingContent);
        return new AsyncClientStreamingCall<TRequest, TResponse>(writer, ReadSingleResponseAsync(), responseHeaders.Task, GetStatus, GetTrailers, Dispose);
    }

    public AsyncDuplexStreamingCall<TRequest, TResponse> StartDuplexStreaming()
    {
        streamingContent = new StreamingRequestContent();
        Begin(streamingContent);
        var writer = new ClientStreamWriter<TRequest, TResponse>(this, streamingContent);
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(writer, new ResponseStreamReader(this), responseHeaders.Task, GetStatus, GetTrailers, Dispose);
    }

    public Status GetStatus() => status ?? throw new InvalidOperationException(ClientErrors.CallNotComplete);

    public Metadata GetTrailers() => status is null ? throw new InvalidOperationException(ClientErrors.CallNotComplete) : trailers!;

    /// <summary>Cancels the call if it is still running (RST_STREAM CANCEL) and releases the response.</summary>
    public void Dispose()
    {
        FinishLocally(new Status(StatusCode.Cancelled, ClientErrors.CallDisposed));
        lock (gate)
        {
            response?.Dispose();
        }
    }

    /// <summary>True once the call has a status; <paramref name="ok"/> tells whether it is OK.</summary>
    internal bool HasEnded(out bool ok)
    {
        var current = status;
        ok = current is { Code: StatusCode.OK };
        return current is not null;
    }

    /// <summary>The exception that reports the final status to the caller.</summary>
    internal RpcException StatusException() => new(status!, trailers!);

    /// <summary>Ends the call with a status we decided (never from the peer) and resets the stream.</summary>
    internal void FinishLocally(Status localStatus)
    {
        if (!TryFinish(localStatus, new Metadata()))
        {
            return;
        }

        callCancellation.Cancel();
        lock (gate)
        {
            response?.Dispose();
        }
    }

    /// <summary>Ends the call because of a failure; the status comes from the exception unless the call already ended.</summary>
    internal void Fail(Exception exception)
    {
        if (status is null)
        {
            FinishLocally(ClientStatusMapping.FromException(exception));
        }
    }

    /// <summary>Ends the call with the status the peer sent (or one synthesised from its response).</summary>
    private void Complete(Status peerStatus, Metadata peerTrailers)
    {
        TryFinish(peerStatus, peerTrailers);
        lock (gate)
        {
            response?.Dispose();
        }
    }

    private bool TryFinish(Status finalStatus, Metadata finalTrailers)
    {
        lock (gate)
        {
            if (status is not null)
            {
                return false;
            }

            // A CANCELLED that races with our deadline is the deadline (section 7), built locally.
            if (finalStatus.Code == StatusCode.Cancelled && deadline is { } d && DateTime.UtcNow >= d)
            {
                finalStatus = new Status(StatusCode.DeadlineExceeded, ProtocolErrors.DeadlineExceeded);
                finalTrailers = new Metadata();
            }

            trailers = finalTrailers;
            status = finalStatus;
        }

        deadlineTimer?.Dispose();
        cancellationRegistration.Unregister();
        streamingContent?.Abort();
        if (finalStatus.Code == StatusCode.OK)
        {
            responseHeaders.TrySetResult(new Metadata());
        }
        else
        {
            responseHeaders.TrySetException(StatusException());
            _ = responseHeaders.Task.Exception; // observed: callers that never look at headers must not see an unobserved exception
        }

        return true;
    }

    private bool TryFrame(TRequest request, out byte[] frame)
    {
        try
        {
            frame = RequestFrames.Create(request, compression, channel.MaxSendMessageSize);
            return true;
        }
        catch (RpcException e)
        {
            frame = [];
            FinishLocally(e.Status);
            return false;
        }
    }

    private void Begin(HttpContent content)
    {
        if (status is not null)
        {
            return;
        }

        if (deadline is { } d)
        {
            var remaining = d - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                // Already expired: fail without sending anything.
                FinishLocally(new Status(StatusCode.DeadlineExceeded, ProtocolErrors.DeadlineExceeded));
                return;
            }

            if (remaining < MaxTimerDueTime)
            {
                deadlineTimer = new Timer(
                    static state => ((GrpcCall<TRequest, TResponse>)state!).FinishLocally(new Status(StatusCode.DeadlineExceeded, ProtocolErrors.DeadlineExceeded)),
                    this,
                    remaining,
                    Timeout.InfiniteTimeSpan);
            }
        }

        if (options.CancellationToken.CanBeCanceled)
        {
            cancellationRegistration = options.CancellationToken.UnsafeRegister(
                static state => ((GrpcCall<TRequest, TResponse>)state!).FinishLocally(new Status(StatusCode.Cancelled, ProtocolErrors.CancelledByClient)),
                this);
        }

        if (status is null)
        {
            headersTask = ReceiveHeadersAsync(CreateRequest(content));
        }
    }

    private HttpRequestMessage CreateRequest(HttpContent content)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, channel.UriOf(method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = content,
        };
        var headers = request.Headers;

        // grpc-timeout right after the pseudo-headers (section 2); content-type lives on the content.
        if (deadline is { } d)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.TimeoutHeader, GrpcTimeout.Format(d - DateTime.UtcNow));
        }

        headers.TryAddWithoutValidation(GrpcProtocolConstants.TeHeader, GrpcProtocolConstants.TeTrailers);
        if (requestEncoding is not null)
        {
            headers.TryAddWithoutValidation(GrpcProtocolConstants.EncodingHeader, requestEncoding);
        }

        headers.TryAddWithoutValidation(GrpcProtocolConstants.AcceptEncodingHeader, CompressionProviders.AcceptEncodingValue);
        headers.TryAddWithoutValidation(GrpcProtocolConstants.UserAgentHeader, UserAgent);
        HeaderMetadata.AddTo(headers, options.Headers);
        return request;
    }

    private static DateTime? NormalizeDeadline(DateTime? value) => value switch
    {
        null => null,
        { } d when d == DateTime.MaxValue => null,
        { Kind: DateTimeKind.Local } d => d.ToUniversalTime(),
        { } d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
    };
}
