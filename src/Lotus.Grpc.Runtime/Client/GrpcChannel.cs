using System.Collections.Concurrent;
using System.Net;
using Lotus.Grpc.Client.Internal;
using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Client;

/// <summary>
/// A client connection to one gRPC server address over HTTP/2 (HttpClient). Thread-safe, meant to be
/// long-lived and shared: it pools HTTP/2 connections and opens more when a connection's stream limit is
/// reached. Create typed clients over it: <c>new SystemService.SystemServiceClient(channel)</c>.
/// </summary>
public sealed class GrpcChannel : CallInvoker, IDisposable
{
    private readonly bool disposeHttpClient;
    private readonly ConcurrentDictionary<string, Uri> methodUris = new(StringComparer.Ordinal);
    private volatile bool disposed;

    private GrpcChannel(Uri address, GrpcChannelOptions options)
    {
        if (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"Address '{address}' must be an absolute http:// or https:// URI.", nameof(address));
        }

        Address = address;
        MaxReceiveMessageSize = options.MaxReceiveMessageSize;
        MaxSendMessageSize = options.MaxSendMessageSize;
        RequestCompression = options.RequestCompression;
        if (options.HttpClient is { } client)
        {
            HttpClient = client;
            disposeHttpClient = options.DisposeHttpClient;
        }
        else if (options.HttpHandler is { } handler)
        {
            HttpClient = new HttpClient(handler, options.DisposeHttpClient) { Timeout = Timeout.InfiniteTimeSpan };
            disposeHttpClient = true;
        }
        else
        {
            HttpClient = new HttpClient(CreateDefaultHandler(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            disposeHttpClient = true;
        }
    }

    /// <summary>The server's base address.</summary>
    public Uri Address { get; }

    internal HttpClient HttpClient { get; }

    internal int? MaxReceiveMessageSize { get; }

    internal int? MaxSendMessageSize { get; }

    internal string? RequestCompression { get; }

    /// <summary>A channel to <paramref name="address"/>, e.g. <c>http://127.0.0.1:5001</c> (cleartext HTTP/2 with prior knowledge).</summary>
    public static GrpcChannel ForAddress(string address, GrpcChannelOptions? options = null) =>
        ForAddress(new Uri(address, UriKind.Absolute), options);

    public static GrpcChannel ForAddress(Uri address, GrpcChannelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new GrpcChannel(address, options ?? new GrpcChannelOptions());
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Start(method, options).StartUnary(request);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Start(method, options).StartServerStreaming(request);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        Start(method, options).StartClientStreaming();

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options) =>
        Start(method, options).StartDuplexStreaming();

    /// <summary>Releases the HTTP client the channel owns; calls in flight are aborted by it.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (disposeHttpClient)
        {
            HttpClient.Dispose();
        }
    }

    internal Uri UriOf(IMethod method) =>
        methodUris.GetOrAdd(method.FullName, static (path, address) => new Uri(address, path), Address);

    private GrpcCall<TRequest, TResponse> Start<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
        where TRequest : class, Google.Protobuf.IMessage<TRequest>
        where TResponse : class, Google.Protobuf.IMessage<TResponse>
    {
        ArgumentNullException.ThrowIfNull(method);
        ObjectDisposedException.ThrowIf(disposed, this);
        var compression = options.RequestCompression ?? RequestCompression;
        if (compression is not null && CompressionProviders.Find(compression) is null)
        {
            throw new ArgumentException($"Unsupported request compression '{compression}': use gzip, deflate or null.", nameof(options));
        }

        return new GrpcCall<TRequest, TResponse>(this, method, options, compression);
    }

    /// <summary>
    /// The handler for gRPC (grpc-protocol.md section 13): several HTTP/2 connections once one reaches the
    /// server's MAX_CONCURRENT_STREAMS; never HTTP-level decompression of gRPC bodies; no proxy, because
    /// cleartext prior-knowledge HTTP/2 cannot cross one; no keepalive pings (grpcio servers answer frequent
    /// pings with GOAWAY ENHANCE_YOUR_CALM).
    /// </summary>
    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        EnableMultipleHttp2Connections = true,
        AutomaticDecompression = DecompressionMethods.None,
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        KeepAlivePingDelay = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
    };
}
