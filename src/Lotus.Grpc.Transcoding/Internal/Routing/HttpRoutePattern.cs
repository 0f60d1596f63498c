namespace Lotus.Grpc.Transcoding.Internal.Routing;

/// <summary>
/// A parsed HttpRule path template. <see cref="Segments"/> is flat: the segments of a variable's
/// pattern are inlined, so <c>/v1/{name=shelves/*}</c> has the segments <c>v1</c>, <c>shelves</c>, <c>*</c>.
/// Each segment is a literal, <c>*</c> (one segment) or <c>**</c> (zero or more, last only).
/// </summary>
internal sealed record HttpRoutePattern(
    string Template,
    IReadOnlyList<string> Segments,
    IReadOnlyList<HttpRouteVariable> Variables,
    string? Verb)
{
    public const string SingleWildcard = "*";
    public const string MultiWildcard = "**";

    public bool EndsWithMultiWildcard => Segments.Count > 0 && Segments[^1] == MultiWildcard;

    public static bool IsWildcard(string segment) => segment is SingleWildcard or MultiWildcard;
}

/// <summary>
/// A <c>{field.path=segments}</c> variable: binds the request field at <see cref="FieldPath"/> to the
/// segments [<see cref="StartSegment"/>, <see cref="EndSegment"/>) of the template.
/// </summary>
internal sealed record HttpRouteVariable(IReadOnlyList<string> FieldPath, int StartSegment, int EndSegment)
{
    public string FieldPathText => string.Join('.', FieldPath);

    /// <summary>True when the variable may capture several segments (encoded differently, §12).</summary>
    public bool IsMultiSegment(HttpRoutePattern pattern) =>
        EndSegment - StartSegment > 1 || pattern.Segments[StartSegment] == HttpRoutePattern.MultiWildcard;
}
