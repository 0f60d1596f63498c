using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Transcoding.Internal;

/// <summary>Log events of the REST surface (stable event ids).</summary>
internal static partial class TranscodingLog
{
    [LoggerMessage(EventId = 1, EventName = "HandlerException", Level = LogLevel.Error, Message = "REST call {Method} failed with an exception from the handler.")]
    public static partial void HandlerException(ILogger logger, string method, Exception exception);

    [LoggerMessage(EventId = 2, EventName = "ErrorAfterStreamStarted", Level = LogLevel.Debug, Message = "REST stream {Method} ended with {StatusCode} after the first message.")]
    public static partial void ErrorAfterStreamStarted(ILogger logger, string method, StatusCode statusCode);
}
