using Google.Protobuf.WellKnownTypes;
using Lotus.Grpc.Protocol;
using Lotus.Grpc.Tests.Infrastructure;

namespace Lotus.Grpc.Tests.Protocol;

[TestFixture]
public sealed class StatusDetailsTests
{
    [Test]
    public void RichStatus_RoundTripsWithBadRequestAndErrorInfo()
    {
        var status = TestServiceImplementation.RichDetails();

        var decoded = StatusDetails.TryDecode(StatusDetails.Encode(status));

        Assert.That(decoded, Is.EqualTo(status));
        Assert.That(decoded!.Details[0].Is(Google.Rpc.BadRequest.Descriptor), Is.True);
        Assert.That(decoded.Details[1].Unpack<Google.Rpc.ErrorInfo>().Domain, Is.EqualTo("lotus.core"));
    }

    [Test]
    public void EncodedValue_IsUnpaddedBase64()
    {
        var encoded = StatusDetails.Encode(new Google.Rpc.Status { Code = 3, Message = "x", Details = { Any.Pack(new Empty()) } });
        Assert.That(encoded, Does.Not.EndWith("="));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("!!notbase64")]
    [TestCase("/w")]
    public void MissingOrGarbage_IsNull(string? value)
    {
        Assert.That(StatusDetails.TryDecode(value), Is.Null);
    }
}
