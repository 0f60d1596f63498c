using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Client;

/// <summary>Options of a <see cref="GrpcChannel"/>; read once when the channel is created.</summary>
public sealed class GrpcChannelOptions
{
    private int? maxReceiveMessageSize = GrpcProtocolConstants.DefaultMaxReceiveMessageSize;
    private int? maxSendMessageSize;
    private string? requestCompression;

    /// <summary>
    /// Largest response message accepted, in bytes, checked on the length prefix and again after
    /// decompression. Defaults to 4,194,304 (4 MiB), as every reference implementation. Null removes the
    /// limit. A larger message fails the call locally with RESOURCE_EXHAUSTED and cancels its stream.
    /// </summary>
    public int? MaxReceiveMessageSize
    {
        get => maxReceiveMessageSize;
        set => maxReceiveMessageSize = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(value), "Must not be negative.") : value;
    }

    /// <summary>
    /// Largest request message sent, in bytes (serialized, before compression). Defaults to null: no limit.
    /// A larger message fails the call with RESOURCE_EXHAUSTED and nothing of it is sent.
    /// </summary>
    public int? MaxSendMessageSize
    {
        get => maxSendMessageSize;
        set => maxSendMessageSize = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(value), "Must not be negative.") : value;
    }

    /// <summary>
    /// Algorithm for request messages: <c>gzip</c>, <c>deflate</c> or null (uncompressed, the default).
    /// <see cref="CallOptions.RequestCompression"/> overrides it per call. Responses are decoded whatever
    /// this is: the channel always offers <c>identity,gzip,deflate</c> in grpc-accept-encoding.
    /// </summary>
    public string? RequestCompression
    {
        get => requestCompression;
        set => requestCompression = value is null || CompressionProviders.Find(value) is not null
            ? value
            : throw new ArgumentException($"Unsupported compression '{value}': use gzip, deflate or null.", nameof(value));
    }

    /// <summary>
    /// The handler to send requests through. Null (default): the channel creates a SocketsHttpHandler set up
    /// for gRPC (HTTP/2, several connections when a server's stream limit is reached, no HTTP-level
    /// decompression, no proxy, no keepalive pings). Ignored when <see cref="HttpClient"/> is set.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; set; }

    /// <summary>
    /// A ready HttpClient to send requests through; its Timeout should be infinite (deadlines are per call).
    /// Null (default): the channel builds its own from <see cref="HttpHandler"/>.
    /// </summary>
    public HttpClient? HttpClient { get; set; }

    /// <summary>
    /// Whether disposing the channel disposes a supplied <see cref="HttpHandler"/> or <see cref="HttpClient"/>.
    /// Defaults to false; what the channel creates itself is always disposed with it.
    /// </summary>
    public bool DisposeHttpClient { get; set; }
}
