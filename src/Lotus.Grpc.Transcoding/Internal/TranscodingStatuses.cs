namespace Lotus.Grpc.Transcoding.Internal;

/// <summary>Every status the transcoder itself produces, defined once (wording follows ASP.NET transcoding, §12).</summary>
internal static class TranscodingStatuses
{
    public static readonly Status HandlerException = new(StatusCode.Unknown, "Exception was thrown by handler.");

    public static readonly Status BadJson = new(StatusCode.InvalidArgument, "Request JSON payload is not correctly formatted.");

    public static readonly Status UnsupportedMethod = new(StatusCode.Unimplemented, "Client and bidirectional streaming rpcs are not served over REST.");

    public static Status NotJsonContentType(string? contentType) =>
        new(StatusCode.InvalidArgument, $"Request content type '{contentType}' is not JSON; send application/json.");

    public static Status UnknownField(string field) =>
        new(StatusCode.InvalidArgument, $"Unknown field '{field}' in the request.");

    public static Status UnknownQueryParameter(string name) =>
        new(StatusCode.InvalidArgument, $"Unknown query parameter '{name}'.");

    public static Status QueryParameterInBody(string name, string body) =>
        new(StatusCode.InvalidArgument, $"Query parameter '{name}' names a field of the body field '{body}'; send it in the JSON body.");

    public static Status RepeatedQueryParameter(string name) =>
        new(StatusCode.InvalidArgument, $"Query parameter '{name}' is given more than once but its field is not repeated.");

    public static Status NotQueryBindable(string name) =>
        new(StatusCode.InvalidArgument, $"Query parameter '{name}' names a message, map or repeated message field, which cannot come from the query.");

    public static Status BadFieldValue(string name, string value, string type) =>
        new(StatusCode.InvalidArgument, $"Value '{value}' of '{name}' is not a valid {type}.");

    public static Status InvalidJson(string message) =>
        new(StatusCode.InvalidArgument, $"Request JSON payload is not valid: {message}");
}
