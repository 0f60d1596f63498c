using Google.Protobuf.Reflection;
using Lotus.Grpc.Transcoding.Internal.Routing;

namespace Lotus.Grpc.Transcoding.Internal.Binding;

/// <summary>
/// One REST binding of an rpc: an HTTP method and path template plus the body and response_body
/// selections of its HttpRule (the rule itself or one of its additional_bindings).
/// </summary>
internal sealed record HttpBinding(
    MethodDescriptor Method,
    string HttpMethod,
    HttpRoutePattern Pattern,
    string Body,
    string ResponseBody,
    IReadOnlyDictionary<string, IReadOnlyList<FieldDescriptor>> PathFields,
    FieldDescriptor? BodyField,
    FieldDescriptor? ResponseBodyField)
{
    /// <summary>Method of a custom rule whose kind is <c>*</c>: any HTTP method.</summary>
    public const string AnyMethod = "*";

    public bool BodyIsWholeRequest => Body == "*";

    /// <summary>Non-path fields come from the query string unless the whole request is the body.</summary>
    public bool AcceptsQuery => !BodyIsWholeRequest;

    public override string ToString() => $"{HttpMethod} {Pattern.Template}";
}
