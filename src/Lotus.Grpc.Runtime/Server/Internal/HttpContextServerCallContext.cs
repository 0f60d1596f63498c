using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Lotus.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Server.Internal;

/// <summary>
/// The server side of one call over an <see cref="HttpContext"/>: request metadata, deadline,
/// response headers and the final status (Trailers-Only when nothing was sent yet, PROTOCOL-HTTP2.md).
/// </summary>
internal sealed partial class HttpContextServerCallContext : ServerCallContext
{
    private readonly HttpContext httpContext;
    private readonly ILogger logger;
    private Metadata? requestHeaders;
    private Metadata? responseTrailers;
    private Dictionary<object, object?>? userState;
    private string? peer;
    private ServerCallDeadlineManager? deadlineManager;
    private string correlationId = string.Empty;

    // Taken around every response write when the call has a deadline (completed from a timer thread,
    // as grpc-dotnet does) or a streamed response (flushed from the thread pool).
    private SemaphoreSlim? writeLock;
    private bool completed;
    private bool messageWritten;

    public HttpContextServerCallContext(HttpContext httpContext, IMethod method, GrpcServerOptions options, ILogger logger)
    {
        this.httpContext = httpContext;
        this.logger = logger;
        Method = method;
        Options = options;
    }

    public override IMethod Method { get; }

    public GrpcServerOptions Options { get; }

    public HttpContext HttpContext => httpContext;

    public ILogger Logger => logger;

    public override string Peer => peer ??= FormatPeer(httpContext.Connection.RemoteIpAddress, httpContext.Connection.RemotePort);

    public override DateTime Deadline => deadlineManager?.Deadline ?? DateTime.MaxValue;

    public override CancellationToken CancellationToken => deadlineManager?.Token ?? httpContext.RequestAborted;

    public override Metadata RequestHeaders => requestHeaders ??= HeaderMetadata.FromRequestHeaders(httpContext.Request.Headers, logger);

    public override Metadata ResponseTrailers => responseTrailers ??= new Metadata();

    public override Status Status { get; set; } = Status.Ok;

    public override string CorrelationId => correlationId;

    public override IDictionary<object, object?> UserState => userState ??= [];

    public override IServiceProvider Services => httpContext.RequestServices;

    /// <summary>grpc-encoding of the request, or null.</summary>
    public string? RequestEncoding { get; private set; }

    /// <summary>Response compression chosen for this call, or null.</summary>
    public ICompressionProvider? ResponseCompression { get; private set; }

    /// <summary>The compression of the next message: the call's, unless the write options turn it off.</summary>
    public ICompressionProvider? MessageCompression => WriteOptions.NoCompress ? null : ResponseCompression;

    /// <summary>The request reader, once the handler created it.</summary>
    public GrpcMessageReader? Reader { get; set; }

    public override bool LastReceivedMessageCompressed => Reader?.LastMessageCompressed ?? false;

    public override WriteOptions WriteOptions { get; set; } = WriteOptions.Default;

    /// <summary>
    /// Chooses the call's response algorithm. It travels in grpc-encoding, a response header: once the
    /// headers are sent it can no longer change (the setter is then ignored). Applied only when the
    /// client lists the algorithm in grpc-accept-encoding.
    /// </summary>
    public override string? ResponseCompressionAlgorithm
    {
        get => ResponseCompression?.EncodingName;
        set
        {
            if (httpContext.Response.HasStarted)
            {
                return;
            }

            if (value is null)
            {
                ResponseCompression = null;
                httpContext.Response.Headers.Remove(GrpcProtocolConstants.EncodingHeader);
                return;
            }

            var provider = CompressionProviders.Find(value)
                ?? throw new ArgumentException($"Unsupported compression algorithm '{value}'. Use gzip, deflate or null.", nameof(value));
            if (CompressionProviders.IsAccepted(httpContext.Request.Headers[GrpcProtocolConstants.AcceptEncodingHeader], value))
            {
                ResponseCompression = provider;
                httpContext.Response.Headers[GrpcProtocolConstants.EncodingHeader] = value;
            }
        }
    }

    public bool IsDeadlineExceeded => deadlineManager?.IsExpired == true;

    public bool IsCompleted => completed;

    public override async Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        await EnterWriteAsync().ConfigureAwait(false);
        try
        {
            if (httpContext.Response.HasStarted || messageWritten)
            {
                throw new InvalidOperationException("Response headers can only be sent once, before the first message.");
            }

            HeaderMetadata.AppendTo(responseHeaders, httpContext.Response.Headers);
            await FlushResponseAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            ExitWrite();
        }
    }

    /// <summary>Takes the write lock, which exists when a deadline or a deferred flush may touch the response concurrently.</summary>
    public ValueTask EnterWriteAsync()
    {
        if (writeLock is null)
        {
            return completed ? throw CallCompleted() : ValueTask.CompletedTask;
        }

        return EnterLockedAsync();
    }

    public void ExitWrite() => writeLock?.Release();

    public void MarkMessageWritten() => messageWritten = true;

    private async ValueTask EnterLockedAsync()
    {
        await writeLock!.WaitAsync().ConfigureAwait(false);
        if (completed)
        {
            writeLock.Release();
            throw CallCompleted();
        }
    }

    private Exception CallCompleted() =>
        IsDeadlineExceeded
            ? new RpcException(StatusCode.DeadlineExceeded, ProtocolErrors.DeadlineExceeded)
            : new InvalidOperationException("The call is already complete.");

    private static string FormatPeer(IPAddress? address, int port) => address switch
    {
        null => "unknown",
        { AddressFamily: AddressFamily.InterNetworkV6 } when address.IsIPv4MappedToIPv6 =>
            string.Create(CultureInfo.InvariantCulture, $"ipv4:{address.MapToIPv4()}:{port}"),
        { AddressFamily: AddressFamily.InterNetworkV6 } => string.Create(CultureInfo.InvariantCulture, $"ipv6:[{address}]:{port}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"ipv4:{address}:{port}"),
    };
}
