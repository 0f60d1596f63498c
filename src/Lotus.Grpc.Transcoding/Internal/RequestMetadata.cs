using Lotus.Grpc.Protocol;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Transcoding.Internal;

/// <summary>
/// HTTP request headers as gRPC request metadata: the gRPC protocol headers and HTTP-only headers
/// are left out, names are lower-cased, <c>-bin</c> values are base64-decoded; a header whose name
/// is not a valid metadata key is skipped rather than failing the call.
/// </summary>
internal static class RequestMetadata
{
    private static readonly HashSet<string> HttpOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        "accept", "connection", "keep-alive", "transfer-encoding", "upgrade", "expect", "cookie",
        "origin", "referer", "cache-control", "pragma", "if-none-match", "if-modified-since",
    };

    public static Metadata From(HttpRequest request)
    {
        var metadata = new Metadata();
        foreach (var (name, values) in request.Headers)
        {
            if (GrpcProtocolConstants.IsReservedHeader(name) || HttpOnly.Contains(name))
            {
                continue;
            }

            foreach (var value in values)
            {
                if (value is null)
                {
                    continue;
                }

                try
                {
                    if (name.EndsWith(Metadata.BinarySuffix, StringComparison.OrdinalIgnoreCase))
                    {
                        metadata.Add(name, BinaryHeaderValue.Decode(value));
                    }
                    else
                    {
                        metadata.Add(name, value);
                    }
                }
                catch (Exception e) when (e is ArgumentException or FormatException)
                {
                    // Not representable as gRPC metadata; HTTP allows more than gRPC keys do.
                }
            }
        }

        return metadata;
    }
}
