using Lotus.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Server.Internal;

/// <summary>Converts between HTTP header collections and <see cref="Metadata"/> (PROTOCOL-HTTP2.md, custom metadata).</summary>
internal static class HeaderMetadata
{
    /// <summary>Application metadata of a request: protocol headers hidden, -bin values decoded (comma-joined split).</summary>
    public static Metadata FromRequestHeaders(IHeaderDictionary headers, ILogger logger)
    {
        var metadata = new Metadata();
        foreach (var header in headers)
        {
            if (GrpcProtocolConstants.IsReservedHeader(header.Key))
            {
                continue;
            }

            try
            {
                var key = header.Key.ToLowerInvariant();
                var binary = key.EndsWith(Metadata.BinarySuffix, StringComparison.Ordinal);
                foreach (var value in header.Value)
                {
                    if (value is null)
                    {
                        continue;
                    }

                    if (binary)
                    {
                        foreach (var bytes in BinaryHeaderValue.DecodeAll(value))
                        {
                            metadata.Add(key, bytes);
                        }
                    }
                    else
                    {
                        metadata.Add(key, value);
                    }
                }
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                // Spec: other legal HTTP octets must not fail the call; drop what is not metadata.
                GrpcServerLog.InvalidRequestMetadata(logger, header.Key);
            }
        }

        return metadata;
    }

    /// <summary>
    /// Appends metadata to response headers or trailers; binary values go base64 (unpadded). A string
    /// value outside printable ASCII (0x20-0x7E) is dropped: Kestrel would refuse it and lose the status.
    /// </summary>
    public static void AppendTo(Metadata metadata, IHeaderDictionary target)
    {
        foreach (var entry in metadata)
        {
            if (entry.IsBinary)
            {
                target.Append(entry.Key, BinaryHeaderValue.Encode(entry.ValueBytes));
            }
            else if (IsPrintableAscii(entry.Value))
            {
                target.Append(entry.Key, entry.Value);
            }
        }
    }

    private static bool IsPrintableAscii(string value)
    {
        foreach (var c in value)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
