namespace Lotus.Grpc.Server.Internal;

/// <summary>Server-only wire-visible error texts, defined once (shared ones live in Protocol/ProtocolErrors).</summary>
internal static class ServerErrors
{
    public const string FailedToParseRequest = "Failed to deserialize the request message.";
    public const string MissingTe = "Missing or invalid 'te: trailers' request header.";
    public const string RequiresHttp2 = "gRPC requires HTTP/2.";
    public const string HandlerReturnedNull = "The handler returned no response message.";

    public static string UnsupportedContentType(string? contentType) => $"Content-Type '{contentType}' is not supported.";

    public static string HandlerException(string correlationId) =>
        $"{Protocol.ProtocolErrors.HandlerException} Correlation id: {correlationId}.";
}
