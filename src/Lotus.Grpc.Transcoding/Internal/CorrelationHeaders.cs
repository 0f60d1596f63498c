using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Transcoding.Internal;

/// <summary>
/// Correlation and tracing headers (issue: correlation and tracing). They reach the handler as
/// request metadata under the same lower-case names the gRPC transport uses, and are echoed on the
/// response. A call without <c>x-correlation-id</c> gets a generated one (the runtime's
/// ServerCallContext contract), added to the metadata so interceptors see it too.
/// </summary>
internal static class CorrelationHeaders
{
    public const string CorrelationId = "x-correlation-id";
    public const string RequestId = "x-request-id";
    public const string TraceId = "x-trace-id";
    public const string TraceParent = "traceparent";

    /// <summary>Echoed when present; the correlation id always.</summary>
    public static readonly string[] Echoed = [CorrelationId, RequestId, TraceId, TraceParent];

    /// <summary>Longest correlation id taken from a caller (the gRPC server applies the same limit).</summary>
    public const int MaxCorrelationIdLength = 128;

    public static string EnsureCorrelationId(Metadata requestHeaders)
    {
        var id = requestHeaders.GetValue(CorrelationId);
        if (string.IsNullOrWhiteSpace(id) || id.Length > MaxCorrelationIdLength)
        {
            foreach (var entry in requestHeaders.GetAll(CorrelationId).ToList())
            {
                requestHeaders.Remove(entry);
            }

            id = Guid.NewGuid().ToString("N");
            requestHeaders.Add(CorrelationId, id);
        }

        return id;
    }

    public static void Echo(Metadata requestHeaders, HttpResponse response)
    {
        foreach (var name in Echoed)
        {
            var value = requestHeaders.GetValue(name);
            if (!string.IsNullOrEmpty(value))
            {
                response.Headers[name] = value;
            }
        }
    }
}
