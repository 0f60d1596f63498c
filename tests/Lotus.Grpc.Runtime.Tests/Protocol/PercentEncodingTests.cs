using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Tests.Protocol;

[TestFixture]
public sealed class PercentEncodingTests
{
    // The interop suite's special_status_message.
    private const string Special = "\t\ntest with whitespace\r\nand Unicode BMP ☺ and non-BMP 😈\t\n";

    [Test]
    public void SpecialMessage_EncodesControlAndNonAsciiBytesAsUpperCaseEscapes()
    {
        Assert.That(
            PercentEncoding.Encode(Special),
            Is.EqualTo("%09%0Atest with whitespace%0D%0Aand Unicode BMP %E2%98%BA and non-BMP %F0%9F%98%88%09%0A"));
    }

    [Test]
    public void SpecialMessage_RoundTrips()
    {
        Assert.That(PercentEncoding.Decode(PercentEncoding.Encode(Special)), Is.EqualTo(Special));
    }

    [TestCase("plain text: ok!", "plain text: ok!")]
    [TestCase("100%", "100%25")]
    [TestCase("~", "~")]
    [TestCase("\u007f", "%7F")]
    public void PrintableAsciiExceptPercent_PassesUnchanged(string input, string expected)
    {
        Assert.That(PercentEncoding.Encode(input), Is.EqualTo(expected));
    }

    [TestCase("%", "%")]
    [TestCase("%4", "%4")]
    [TestCase("%zz end", "%zz end")]
    [TestCase("a%41b", "aAb")]
    [TestCase("lower %e2%98%ba", "lower ☺")]
    public void BadOrMixedEscapes_DecodeWithoutFailing(string input, string expected)
    {
        Assert.That(PercentEncoding.Decode(input), Is.EqualTo(expected));
    }

    [Test]
    public void InvalidUtf8AfterDecoding_BecomesReplacementCharacter()
    {
        Assert.That(PercentEncoding.Decode("x%FFy"), Is.EqualTo("x\uFFFDy"));
    }
}
