using System.Net.Http.Headers;
using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Client.Internal;

/// <summary>Between HTTP header collections and <see cref="Metadata"/> (grpc-protocol.md section 3).</summary>
internal static class HeaderMetadata
{
    /// <summary>Adds custom metadata to a request: -bin values as unpadded base64, protocol headers skipped.</summary>
    public static void AddTo(HttpRequestHeaders headers, Metadata? metadata)
    {
        if (metadata is null)
        {
            return;
        }

        foreach (var entry in metadata)
        {
            if (GrpcProtocolConstants.IsReservedHeader(entry.Key) || IsStatusHeader(entry.Key))
            {
                continue;
            }

            headers.TryAddWithoutValidation(entry.Key, entry.IsBinary ? BinaryHeaderValue.Encode(entry.ValueBytes) : entry.Value);
        }
    }

    /// <summary>
    /// Application metadata of a response header or trailer block: protocol headers and the status trio
    /// left out; a -bin value that is not base64, or a name outside the metadata alphabet, is dropped
    /// rather than failing the call.
    /// </summary>
    public static Metadata ToMetadata(HttpHeaders? headers)
    {
        var metadata = new Metadata();
        if (headers is null)
        {
            return metadata;
        }

        foreach (var (name, values) in headers.NonValidated)
        {
            if (GrpcProtocolConstants.IsReservedHeader(name) || IsStatusHeader(name))
            {
                continue;
            }

            var key = name.ToLowerInvariant();
            foreach (var value in values)
            {
                try
                {
                    if (Metadata.Entry.IsBinaryKey(key))
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
                catch (Exception e) when (e is FormatException or ArgumentException)
                {
                    // Dropped: a malformed value must not fail the call (section 3).
                }
            }
        }

        return metadata;
    }

    /// <summary>First raw value of a header, or null.</summary>
    public static string? First(HttpHeaders? headers, string name)
    {
        if (headers is not null && headers.NonValidated.TryGetValues(name, out var values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }

    private static bool IsStatusHeader(string name) =>
        name.Equals(GrpcProtocolConstants.StatusHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocolConstants.MessageHeader, StringComparison.OrdinalIgnoreCase)
        || name.Equals(GrpcProtocolConstants.StatusDetailsHeader, StringComparison.OrdinalIgnoreCase);
}
