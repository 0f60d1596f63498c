using Google.Rpc;
using Lotus.Analytics.Tests.Support;
using Lotus.Grpc;
using Lotus.Host.Services.Analytics;

namespace Lotus.Analytics.Tests;

[TestFixture]
public sealed class PageTokenCodecTests
{
    private static readonly string Fingerprint = AnalyticsFingerprint.HashText("request-a");
    private static readonly string OtherFingerprint = AnalyticsFingerprint.HashText("request-b");

    private ManualTimeProvider _time = null!;
    private AnalyticsOptions _options = null!;
    private AnalyticsPageTokenCodec _codec = null!;

    [SetUp]
    public void SetUp()
    {
        _time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero));
        _options = AnalyticsOptions.WithRandomKey();
        _codec = new AnalyticsPageTokenCodec(_options, _time);
    }

    [Test]
    public void RoundTrip_ReturnsCursorAndVersion()
    {
        var token = new AnalyticsPageToken(Fingerprint, 42, new DateOnly(2024, 2, 29), "SEC_Ä");
        var decoded = _codec.Decode(_codec.Encode(token), Fingerprint, "P");
        Assert.That(decoded, Is.EqualTo(token));
    }

    [Test]
    public void EveryFlippedByte_IsRefused()
    {
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(_codec.Encode(new AnalyticsPageToken(Fingerprint, 7, new DateOnly(2024, 1, 2), "S1")));
        for (var i = 0; i < bytes.Length; i++)
        {
            var copy = bytes.ToArray();
            copy[i] ^= 0x01;
            var ex = Assert.Throws<RpcException>(() => _codec.Decode(System.Buffers.Text.Base64Url.EncodeToString(copy), Fingerprint, "P"));
            Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument), $"byte {i}");
            Assert.That(Info(ex).Reason, Is.EqualTo("INVALID_REQUEST"));
        }
    }

    [Test]
    public void TamperedSignature_ReasonBadSignature()
    {
        var token = _codec.Encode(new AnalyticsPageToken(Fingerprint, 7, new DateOnly(2024, 1, 2), "S1"));
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(token);
        bytes[^1] ^= 0xFF;
        var ex = Assert.Throws<RpcException>(() => _codec.Decode(System.Buffers.Text.Base64Url.EncodeToString(bytes), Fingerprint, "P"));
        Assert.That(Info(ex!).Metadata[PageTokenErrors.MetadataKey], Is.EqualTo(PageTokenErrors.BadSignature));
    }

    [Test]
    public void AfterLifetime_ReasonExpired()
    {
        var token = _codec.Encode(new AnalyticsPageToken(Fingerprint, 7, new DateOnly(2024, 1, 2), "S1"));
        _time.Now += _options.PageTokenLifetime + TimeSpan.FromSeconds(2);
        var ex = Assert.Throws<RpcException>(() => _codec.Decode(token, Fingerprint, "P"));
        Assert.That(Info(ex!).Metadata[PageTokenErrors.MetadataKey], Is.EqualTo(PageTokenErrors.Expired));
    }

    [Test]
    public void OtherRequest_ReasonRequestMismatch()
    {
        var token = _codec.Encode(new AnalyticsPageToken(Fingerprint, 7, new DateOnly(2024, 1, 2), "S1"));
        var ex = Assert.Throws<RpcException>(() => _codec.Decode(token, OtherFingerprint, "PositionTimeseriesInput"));
        var info = Info(ex!);
        Assert.That(info.Metadata[PageTokenErrors.MetadataKey], Is.EqualTo(PageTokenErrors.RequestMismatch));
        Assert.That(info.Metadata["source_product"], Is.EqualTo("PositionTimeseriesInput"));
        Assert.That(info.Domain, Is.EqualTo("lotus.core"));
    }

    [Test]
    public void Garbage_ReasonMalformed()
    {
        var ex = Assert.Throws<RpcException>(() => _codec.Decode("not*a*token", Fingerprint, "P"));
        Assert.That(Info(ex!).Metadata[PageTokenErrors.MetadataKey], Is.EqualTo(PageTokenErrors.Malformed));
    }

    [Test]
    public void RotatedKey_OldTokensStillReadNewKeySigns()
    {
        var token = _codec.Encode(new AnalyticsPageToken(Fingerprint, 7, new DateOnly(2024, 1, 2), "S1"));
        _options.PageTokenKeys["k2"] = new byte[32];
        _options.PageTokenKeyId = "k2";
        var rotated = new AnalyticsPageTokenCodec(_options, _time);
        Assert.That(rotated.Decode(token, Fingerprint, "P").DataVersion, Is.EqualTo(7));

        _options.PageTokenKeys.Remove("local-dev");
        var ex = Assert.Throws<RpcException>(() => rotated.Decode(token, Fingerprint, "P"));
        Assert.That(Info(ex!).Metadata[PageTokenErrors.MetadataKey], Is.EqualTo(PageTokenErrors.UnknownKey));
    }

    internal static ErrorInfo Info(RpcException ex)
        => ex.Status.Details!.Details.Single(d => d.Is(ErrorInfo.Descriptor)).Unpack<ErrorInfo>();
}
