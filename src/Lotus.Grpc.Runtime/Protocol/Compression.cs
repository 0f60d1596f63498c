using System.IO.Compression;

namespace Lotus.Grpc.Protocol;

/// <summary>A message compression algorithm named by grpc-encoding.</summary>
internal interface ICompressionProvider
{
    string EncodingName { get; }

    Stream CreateCompressionStream(Stream output);

    Stream CreateDecompressionStream(Stream input);
}

/// <summary>gzip is RFC 1952.</summary>
internal sealed class GzipCompressionProvider : ICompressionProvider
{
    public string EncodingName => "gzip";

    public Stream CreateCompressionStream(Stream output) => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream input) => new GZipStream(input, CompressionMode.Decompress, leaveOpen: true);
}

/// <summary>gRPC's "deflate" is the zlib wrapper of RFC 1950, not raw deflate (compression.md).</summary>
internal sealed class DeflateCompressionProvider : ICompressionProvider
{
    public string EncodingName => "deflate";

    public Stream CreateCompressionStream(Stream output) => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true);

    public Stream CreateDecompressionStream(Stream input) => new ZLibStream(input, CompressionMode.Decompress, leaveOpen: true);
}

/// <summary>The algorithms this runtime speaks, and their negotiation.</summary>
internal static class CompressionProviders
{
    private static readonly ICompressionProvider[] All = [new GzipCompressionProvider(), new DeflateCompressionProvider()];

    /// <summary>Value for grpc-accept-encoding; no spaces, because grpc-js splits on ',' without trimming.</summary>
    public const string AcceptEncodingValue = "identity,gzip,deflate";

    public static ICompressionProvider? Find(string? encoding)
    {
        if (encoding is null)
        {
            return null;
        }

        foreach (var provider in All)
        {
            if (string.Equals(provider.EncodingName, encoding, StringComparison.Ordinal))
            {
                return provider;
            }
        }

        return null;
    }

    /// <summary>True when a peer's grpc-accept-encoding (parsed tolerantly) lists the algorithm.</summary>
    public static bool IsAccepted(string? acceptEncoding, string encoding)
    {
        if (string.IsNullOrEmpty(acceptEncoding))
        {
            return false;
        }

        foreach (var item in acceptEncoding.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (string.Equals(item, encoding, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static byte[] Compress(ICompressionProvider provider, ReadOnlySpan<byte> data)
    {
        using var output = new MemoryStream();
        using (var stream = provider.CreateCompressionStream(output))
        {
            stream.Write(data);
        }

        return output.ToArray();
    }

    /// <summary>
    /// Inflates a message, failing with RESOURCE_EXHAUSTED as soon as the output passes
    /// <paramref name="maxSize"/>: a small compressed frame must not inflate past the receive limit.
    /// </summary>
    public static byte[] Decompress(ICompressionProvider provider, ReadOnlyMemory<byte> data, int? maxSize)
    {
        using var input = new MemoryStream(data.ToArray(), writable: false);
        using var stream = provider.CreateDecompressionStream(input);
        using var output = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            output.Write(buffer, 0, read);
            if (maxSize is { } limit && output.Length > limit)
            {
                throw new RpcException(StatusCode.ResourceExhausted, ProtocolErrors.ReceivedMessageExceedsLimit(output.Length, limit));
            }
        }

        return output.ToArray();
    }
}
