using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Server;

/// <summary>Options of the gRPC server; set through <c>AddLotusGrpc(options => ...)</c>.</summary>
public sealed class GrpcServerOptions
{
    private int? maxReceiveMessageSize = GrpcProtocolConstants.DefaultMaxReceiveMessageSize;
    private int? maxSendMessageSize;
    private string? responseCompressionAlgorithm;

    /// <summary>
    /// Largest request message accepted, in bytes, checked on the length prefix and again after
    /// decompression. Defaults to 4,194,304 (4 MiB). Null removes the limit. Must be at least 0.
    /// A larger message ends the call with RESOURCE_EXHAUSTED.
    /// </summary>
    public int? MaxReceiveMessageSize
    {
        get => maxReceiveMessageSize;
        set => maxReceiveMessageSize = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(value), value, "Must be at least 0.") : value;
    }

    /// <summary>
    /// Largest response message sent, in bytes (before compression). Defaults to null (unlimited).
    /// Must be at least 0. A larger message fails the write with RESOURCE_EXHAUSTED; nothing is sent.
    /// </summary>
    public int? MaxSendMessageSize
    {
        get => maxSendMessageSize;
        set => maxSendMessageSize = value is < 0 ? throw new ArgumentOutOfRangeException(nameof(value), value, "Must be at least 0.") : value;
    }

    /// <summary>
    /// Algorithm for response messages: "gzip", "deflate" or null (default: uncompressed). Used only
    /// when the client lists it in grpc-accept-encoding; otherwise responses go uncompressed.
    /// </summary>
    public string? ResponseCompressionAlgorithm
    {
        get => responseCompressionAlgorithm;
        set => responseCompressionAlgorithm = value is null || CompressionProviders.Find(value) is not null
            ? value
            : throw new ArgumentException($"Unsupported compression algorithm '{value}'. Use gzip, deflate or null.", nameof(value));
    }

    /// <summary>
    /// When true, the grpc-message of a call that failed with an unexpected exception carries the
    /// exception's message. Defaults to false: internals never reach the client.
    /// </summary>
    public bool EnableDetailedErrors { get; set; }

    /// <summary>Interceptors run around every call, first added outermost.</summary>
    public InterceptorCollection Interceptors { get; } = new();
}
