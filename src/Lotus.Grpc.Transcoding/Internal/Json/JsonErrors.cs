namespace Lotus.Grpc.Transcoding.Internal.Json;

/// <summary>
/// Turns Google.Protobuf JSON parser failures into INVALID_ARGUMENT, naming the unknown field when
/// that is the cause (the parser reports it as "Unknown field: name").
/// </summary>
internal static class JsonErrors
{
    private const string UnknownFieldPrefix = "Unknown field: ";

    public static Status ToStatus(string parserMessage)
    {
        var index = parserMessage.IndexOf(UnknownFieldPrefix, StringComparison.Ordinal);
        if (index >= 0)
        {
            var field = parserMessage[(index + UnknownFieldPrefix.Length)..].Trim().TrimEnd('.');
            return TranscodingStatuses.UnknownField(field);
        }

        return TranscodingStatuses.InvalidJson(parserMessage);
    }
}
