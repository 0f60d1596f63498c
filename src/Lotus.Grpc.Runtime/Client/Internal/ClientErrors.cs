using System.Globalization;

namespace Lotus.Grpc.Client.Internal;

/// <summary>Status texts the client builds locally, each defined once.</summary>
internal static class ClientErrors
{
    public const string CallDisposed = "Call disposed before it completed.";
    public const string ResponseParseFailed = "Failed to deserialize the response message.";
    public const string NoStatusInResponse = "No grpc-status found on the response.";
    public const string CallNotComplete = "The call has not completed: status and trailers are not known yet.";
    public const string WriteAfterComplete = "The request stream was already completed.";
    public const string ConcurrentWrite = "Only one write may be pending at a time.";
    public const string WriteAfterCallEnded = "The call has already ended with OK; nothing more can be sent.";

    public static string UnexpectedHttpResponse(int httpStatus, string? contentType) =>
        string.Create(CultureInfo.InvariantCulture, $"Bad gRPC response: HTTP status {httpStatus}, content-type '{contentType ?? "(none)"}'.");

    public static string UnsupportedResponseEncoding(string encoding) =>
        $"Unsupported grpc-encoding '{encoding}' in the response; this client decodes identity, gzip and deflate.";

    public static string StreamReset(long errorCode, string name) =>
        string.Create(CultureInfo.InvariantCulture, $"The HTTP/2 stream was reset by the peer with {name} (0x{errorCode:X}).");

    public static string Transport(Exception e) => $"Error talking to the server: {e.GetType().Name}: {e.Message}";
}
