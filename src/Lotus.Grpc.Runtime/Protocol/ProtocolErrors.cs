using System.Globalization;

namespace Lotus.Grpc.Protocol;

/// <summary>Every wire-visible protocol error text, defined once.</summary>
internal static class ProtocolErrors
{
    public static string ReceivedMessageExceedsLimit(long size, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"Received message exceeds the maximum configured message size ({size} > {limit} bytes).");

    public static string SendingMessageExceedsLimit(long size, int limit) =>
        string.Create(CultureInfo.InvariantCulture, $"Sending message exceeds the maximum configured message size ({size} > {limit} bytes).");

    public const string IncompleteMessage = "Incomplete message: the stream ended inside a length-prefixed message.";
    public const string InvalidCompressedFlag = "Invalid compressed flag in the message prefix.";
    public const string CompressedWithoutEncoding = "Received a compressed message but grpc-encoding is absent or identity.";
    public const string MoreThanOneRequest = "Received more than one request message for a method that takes one.";
    public const string NoRequest = "Received no request message for a method that takes one.";
    public const string MoreThanOneResponse = "Received more than one response message for a method that returns one.";
    public const string NoResponse = "Received no response message for a method that returns one.";
    public const string DeadlineExceeded = "Deadline Exceeded";
    public const string CancelledByClient = "Call cancelled by the client.";
    public const string HandlerException = "Exception was thrown by handler.";

    public static string UnsupportedRequestEncoding(string encoding) =>
        $"Unsupported grpc-encoding '{encoding}'. Supported encodings: {CompressionProviders.AcceptEncodingValue}.";

    public static string UnknownMethod(string path) => $"Method '{path}' is not implemented by this server.";

    public static string InvalidTimeout(string value) => $"Invalid grpc-timeout '{value}'.";
}
