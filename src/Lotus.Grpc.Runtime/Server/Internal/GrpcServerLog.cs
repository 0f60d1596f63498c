using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Server.Internal;

/// <summary>Server log events; event ids are stable so tests and operators can match them.</summary>
internal static partial class GrpcServerLog
{
    public const string Category = "Lotus.Grpc.Server";

    [LoggerMessage(EventId = 1, EventName = "UnhandledException", Level = LogLevel.Error,
        Message = "Unhandled exception in {Method} (correlation id {CorrelationId}).")]
    public static partial void UnhandledException(ILogger logger, string method, string correlationId, Exception exception);

    [LoggerMessage(EventId = 2, EventName = "DeadlineExceeded", Level = LogLevel.Debug,
        Message = "Deadline exceeded in {Method} (correlation id {CorrelationId}).")]
    public static partial void DeadlineExceeded(ILogger logger, string method, string correlationId);

    [LoggerMessage(EventId = 3, EventName = "CallCancelled", Level = LogLevel.Debug,
        Message = "Call {Method} cancelled by the client (correlation id {CorrelationId}).")]
    public static partial void CallCancelled(ILogger logger, string method, string correlationId);

    [LoggerMessage(EventId = 4, EventName = "RpcError", Level = LogLevel.Debug,
        Message = "Call {Method} ended with {StatusCode}: {Detail} (correlation id {CorrelationId}).")]
    public static partial void RpcError(ILogger logger, string method, StatusCode statusCode, string detail, string correlationId);

    [LoggerMessage(EventId = 5, EventName = "UnsupportedContentType", Level = LogLevel.Debug,
        Message = "Request to {Path} has content-type '{ContentType}': answered 415.")]
    public static partial void UnsupportedContentType(ILogger logger, string path, string? contentType);

    [LoggerMessage(EventId = 6, EventName = "UnimplementedMethod", Level = LogLevel.Debug,
        Message = "No handler for {Path}: answered UNIMPLEMENTED.")]
    public static partial void UnimplementedMethod(ILogger logger, string path);

    [LoggerMessage(EventId = 7, EventName = "ErrorWritingStatus", Level = LogLevel.Debug,
        Message = "Could not complete {Method} after the deadline (correlation id {CorrelationId}).")]
    public static partial void ErrorCompletingAfterDeadline(ILogger logger, string method, string correlationId, Exception exception);

    [LoggerMessage(EventId = 8, EventName = "InvalidRequestMetadata", Level = LogLevel.Debug,
        Message = "Request header '{Header}' is not valid gRPC metadata and was dropped.")]
    public static partial void InvalidRequestMetadata(ILogger logger, string header);

    [LoggerMessage(EventId = 9, EventName = "ErrorCompletingCall", Level = LogLevel.Debug,
        Message = "Could not write the status of {Method} (correlation id {CorrelationId}).")]
    public static partial void ErrorCompletingCall(ILogger logger, string method, string correlationId, Exception exception);
}
