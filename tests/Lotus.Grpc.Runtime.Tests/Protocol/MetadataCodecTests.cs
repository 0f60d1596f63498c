using Lotus.Grpc.Protocol;
using Lotus.Grpc.Server.Internal;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lotus.Grpc.Tests.Protocol;

[TestFixture]
public sealed class MetadataCodecTests
{
    [TestCase("q6ur", new byte[] { 0xab, 0xab, 0xab })]
    [TestCase("AQ", new byte[] { 1 })]
    [TestCase("AQ==", new byte[] { 1 })]
    [TestCase("AQI", new byte[] { 1, 2 })]
    [TestCase("AQI=", new byte[] { 1, 2 })]
    [TestCase("", new byte[0])]
    public void BinaryValue_PaddedAndUnpadded_Decode(string value, byte[] expected)
    {
        Assert.That(BinaryHeaderValue.Decode(value), Is.EqualTo(expected));
    }

    [Test]
    public void BinaryValue_IsSentUnpadded()
    {
        Assert.That(BinaryHeaderValue.Encode([1]), Is.EqualTo("AQ"));
    }

    [Test]
    public void BinaryValues_JoinedByComma_AreSplitBeforeDecoding()
    {
        Assert.That(BinaryHeaderValue.DecodeAll("AQ==, AQI").ToList(), Is.EqualTo(new[] { new byte[] { 1 }, new byte[] { 1, 2 } }));
    }

    [TestCase("A")]
    [TestCase("!!!!")]
    public void BinaryValue_NotBase64_IsFormatError(string value)
    {
        Assert.That(() => BinaryHeaderValue.Decode(value), Throws.InstanceOf<FormatException>());
    }

    [Test]
    public void MetadataKeys_AreLowerCasedAndValidated()
    {
        var metadata = new Metadata().Add("X-Custom", "v");
        Assert.That(metadata[0].Key, Is.EqualTo("x-custom"));
        Assert.That(() => metadata.Add("bad key", "v"), Throws.ArgumentException);
        Assert.That(() => metadata.Add("x-bin", "text"), Throws.ArgumentException);
        Assert.That(() => metadata.Add("x-text", [1]), Throws.ArgumentException);
    }

    [Test]
    public void RequestHeaders_HideProtocolHeadersDecodeBinaryAndDropInvalid()
    {
        var headers = new HeaderDictionary
        {
            ["content-type"] = "application/grpc",
            ["te"] = "trailers",
            ["grpc-timeout"] = "1S",
            ["grpc-encoding"] = "gzip",
            ["grpc-accept-encoding"] = "gzip",
            ["user-agent"] = "grpc-test/1.0",
            ["x-one"] = new Microsoft.Extensions.Primitives.StringValues(["a", "b"]),
            ["x-data-bin"] = "AQ==,AQI",
            ["x-broken-bin"] = "!!!",
        };

        var metadata = HeaderMetadata.FromRequestHeaders(headers, NullLogger.Instance);

        Assert.That(metadata.Select(e => e.Key), Is.EquivalentTo(new[] { "user-agent", "x-one", "x-one", "x-data-bin", "x-data-bin" }));
        Assert.That(metadata.GetAll("x-one").Select(e => e.Value), Is.EqualTo(new[] { "a", "b" }), "order of one key's values kept");
        Assert.That(metadata.GetAll("x-data-bin").Select(e => e.ValueBytes), Is.EqualTo(new[] { new byte[] { 1 }, new byte[] { 1, 2 } }));
    }

    [Test]
    public void ResponseMetadata_BinaryGoesBase64()
    {
        var headers = new HeaderDictionary();
        HeaderMetadata.AppendTo(new Metadata().Add("x-a", "text").Add("x-b-bin", [0xab, 0xab, 0xab]), headers);

        Assert.That(headers["x-a"].ToString(), Is.EqualTo("text"));
        Assert.That(headers["x-b-bin"].ToString(), Is.EqualTo("q6ur"));
    }

    [Test]
    public void ResponseMetadata_StringOutsidePrintableAscii_IsDropped()
    {
        var headers = new HeaderDictionary();
        HeaderMetadata.AppendTo(new Metadata().Add("x-ok", "fine").Add("x-accent", "café").Add("x-newline", "a\r\nb"), headers);

        Assert.That(headers.Keys, Is.EquivalentTo(new[] { "x-ok" }));
    }
}
