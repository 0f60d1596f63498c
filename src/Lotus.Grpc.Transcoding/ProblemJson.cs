using System.Text;
using System.Text.Json;
using Lotus.Grpc.Transcoding.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Lotus.Grpc.Transcoding;

/// <summary>
/// Opt-in error bodies in lotus-core's RFC 7807 <c>application/problem+json</c> shape, for endpoints
/// whose consumers depend on it (lotus-performance reads the exact 422 QCP_ANALYTICS_INSUFFICIENT_DATA
/// body, docs lotus-performance-consumer.md). Plug into <see cref="TranscodingOptions.ErrorResult"/>.
/// </summary>
public static class ProblemJson
{
    public const string ContentType = "application/problem+json";

    /// <summary>Prefix of <c>type</c>; the lower-cased error code follows.</summary>
    public const string QueryControlPlaneTypePrefix = "https://lotus-platform.dev/problems/query-control-plane/";

    /// <summary>
    /// lotus-core's analytics error codes whose HTTP status is not the one of their gRPC code:
    /// INSUFFICIENT_DATA and UNSUPPORTED_CONFIGURATION answer 422 (lotus-core-contracts.md, errors).
    /// </summary>
    public static IReadOnlyDictionary<string, int> QueryControlPlaneStatuses { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["QCP_ANALYTICS_INVALID_REQUEST"] = StatusCodes.Status400BadRequest,
        ["QCP_ANALYTICS_NOT_FOUND"] = StatusCodes.Status404NotFound,
        ["QCP_ANALYTICS_INSUFFICIENT_DATA"] = StatusCodes.Status422UnprocessableEntity,
        ["QCP_ANALYTICS_UNSUPPORTED_CONFIGURATION"] = StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>
    /// An error hook answering in the query-control-plane problem shape for the rpcs
    /// <paramref name="appliesTo"/> selects (others keep the google.rpc.Status body). Fields:
    /// <c>type</c>, <c>title</c> (HTTP reason phrase), <c>status</c>, <c>detail</c>, <c>instance</c>
    /// (request path), <c>error_code</c> (reason of the first google.rpc.ErrorInfo detail, else the
    /// gRPC code name), <c>correlation_id</c>, <c>metadata</c> (the ErrorInfo metadata map).
    /// The HTTP status comes from <paramref name="httpStatusByErrorCode"/> (default
    /// <see cref="QueryControlPlaneStatuses"/>), else from the gRPC code.
    /// </summary>
    public static Func<Status, HttpContext, IResult?> QueryControlPlane(
        Func<IMethod, bool> appliesTo,
        IReadOnlyDictionary<string, int>? httpStatusByErrorCode = null)
    {
        ArgumentNullException.ThrowIfNull(appliesTo);
        var statuses = httpStatusByErrorCode ?? QueryControlPlaneStatuses;
        return (status, httpContext) =>
        {
            if (httpContext.Features.Get<IMethod>() is not { } method || !appliesTo(method))
            {
                return null;
            }

            var info = ErrorResponses.FindErrorInfo(status);
            var errorCode = info is { Reason.Length: > 0 } ? info.Reason : CodeName(status.Code);
            var httpStatus = statuses.TryGetValue(errorCode, out var mapped) ? mapped : ErrorResponses.ToHttpStatus(status.Code);
            var body = Write(status, httpContext, errorCode, httpStatus, info);
            return Results.Content(body, ContentType, Encoding.UTF8, httpStatus);
        };
    }

    private static string Write(Status status, HttpContext httpContext, string errorCode, int httpStatus, Google.Rpc.ErrorInfo? info)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("type", QueryControlPlaneTypePrefix + errorCode.ToLowerInvariant());
            writer.WriteString("title", ReasonPhrases.GetReasonPhrase(httpStatus));
            writer.WriteNumber("status", httpStatus);
            writer.WriteString("detail", status.Detail);
            writer.WriteString("instance", httpContext.Request.Path.Value);
            writer.WriteString("error_code", errorCode);
            var correlationId = httpContext.Response.Headers[CorrelationHeaders.CorrelationId].ToString();
            writer.WriteString("correlation_id", correlationId);
            writer.WriteStartObject("metadata");
            foreach (var (key, value) in info?.Metadata ?? [])
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>INVALID_ARGUMENT style names of statuscodes.md.</summary>
    private static string CodeName(StatusCode code)
    {
        var name = code.ToString();
        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(name[i]));
        }

        return code == StatusCode.OK ? "OK" : builder.ToString();
    }
}
