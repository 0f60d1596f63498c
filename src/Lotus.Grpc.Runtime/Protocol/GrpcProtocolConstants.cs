namespace Lotus.Grpc.Protocol;

/// <summary>Header names and fixed values of gRPC over HTTP/2 (grpc/grpc doc/PROTOCOL-HTTP2.md).</summary>
internal static class GrpcProtocolConstants
{
    public const string ContentType = "application/grpc";
    public const string ContentTypeProto = "application/grpc+proto";
    public const string TeHeader = "te";
    public const string TeTrailers = "trailers";
    public const string TimeoutHeader = "grpc-timeout";
    public const string EncodingHeader = "grpc-encoding";
    public const string AcceptEncodingHeader = "grpc-accept-encoding";
    public const string StatusHeader = "grpc-status";
    public const string MessageHeader = "grpc-message";
    public const string StatusDetailsHeader = "grpc-status-details-bin";
    public const string MessageTypeHeader = "grpc-message-type";
    public const string UserAgentHeader = "user-agent";
    public const string CorrelationIdHeader = "x-correlation-id";
    public const string IdentityEncoding = "identity";

    /// <summary>Length-prefixed message header: 1 flag byte + 4-byte big-endian length.</summary>
    public const int MessageHeaderSize = 5;

    /// <summary>Default maximum receive message size of every reference implementation: 4 MiB.</summary>
    public const int DefaultMaxReceiveMessageSize = 4 * 1024 * 1024;

    /// <summary>Largest value a grpc-timeout may carry: 8 ASCII digits.</summary>
    public const long MaxTimeoutValue = 99_999_999;

    /// <summary>
    /// Headers that are protocol, not application metadata (the list grpc-dotnet hides);
    /// user-agent passes through.
    /// </summary>
    public static bool IsReservedHeader(string name) =>
        name.StartsWith(':')
        || name.Equals("content-type", StringComparison.OrdinalIgnoreCase)
        || name.Equals(TeHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(TimeoutHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(EncodingHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(AcceptEncodingHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals("host", StringComparison.OrdinalIgnoreCase)
        || name.Equals("accept-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("content-length", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for application/grpc, application/grpc+x and application/grpc;params (C-core's rule).</summary>
    public static bool IsGrpcContentType(string? contentType)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (contentType.Length == ContentType.Length)
        {
            return true;
        }

        var next = contentType[ContentType.Length];
        return next is '+' or ';';
    }
}
