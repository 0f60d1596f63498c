using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Tests.Protocol;

[TestFixture]
public sealed class CompressionProviderTests
{
    [TestCase("gzip")]
    [TestCase("deflate")]
    public void Compress_RoundTrips(string encoding)
    {
        var provider = CompressionProviders.Find(encoding)!;
        var data = Enumerable.Range(0, 10_000).Select(i => (byte)(i % 7)).ToArray();

        Assert.That(CompressionProviders.Decompress(provider, CompressionProviders.Compress(provider, data), maxSize: null), Is.EqualTo(data));
    }

    [Test]
    public void Gzip_IsRfc1952()
    {
        var compressed = CompressionProviders.Compress(CompressionProviders.Find("gzip")!, [1, 2, 3]);
        Assert.That(compressed[..2], Is.EqualTo(new byte[] { 0x1f, 0x8b }));
    }

    [Test]
    public void Deflate_IsTheZlibWrapperOfRfc1950NotRawDeflate()
    {
        var compressed = CompressionProviders.Compress(CompressionProviders.Find("deflate")!, [1, 2, 3]);
        Assert.That(compressed[0] & 0x0f, Is.EqualTo(8), "CM = deflate");
        Assert.That(((compressed[0] << 8) | compressed[1]) % 31, Is.Zero, "zlib header check bits");
    }

    [TestCase("gzip")]
    [TestCase("deflate")]
    public void Decompress_PastTheLimit_IsResourceExhausted(string encoding)
    {
        var provider = CompressionProviders.Find(encoding)!;
        var compressed = CompressionProviders.Compress(provider, new byte[100_000]);

        var error = Assert.Throws<RpcException>(() => CompressionProviders.Decompress(provider, compressed, maxSize: 1000));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    [TestCase("identity,deflate,gzip", "gzip", true)]
    [TestCase("identity, deflate, gzip", "deflate", true)]
    [TestCase("identity", "gzip", false)]
    [TestCase("", "gzip", false)]
    [TestCase(null, "gzip", false)]
    public void AcceptEncoding_IsParsedTolerantly(string? header, string encoding, bool expected)
    {
        Assert.That(CompressionProviders.IsAccepted(header, encoding), Is.EqualTo(expected));
    }

    [Test]
    public void UnknownOrIdentityEncoding_HasNoProvider()
    {
        Assert.That(CompressionProviders.Find("snappy"), Is.Null);
        Assert.That(CompressionProviders.Find("identity"), Is.Null);
    }
}
