using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Tests.Protocol;

[TestFixture]
public sealed class GrpcTimeoutTests
{
    [TestCase("1H", 36_000_000_000L)]
    [TestCase("2M", 1_200_000_000L)]
    [TestCase("3S", 30_000_000L)]
    [TestCase("250m", 2_500_000L)]
    [TestCase("1500u", 15_000L)]
    [TestCase("1000n", 10L)]
    [TestCase("1n", 1L)]
    [TestCase("0S", 0L)]
    [TestCase("99999999S", 999_999_990_000_000L)]
    public void Parse_EachUnit_GivesTheDuration(string value, long expectedTicks)
    {
        Assert.That(GrpcTimeout.TryParse(value, out var timeout), Is.True);
        Assert.That(timeout.Ticks, Is.EqualTo(expectedTicks));
    }

    [Test]
    public void Parse_EightDigitHours_ClampsInsteadOfOverflowing()
    {
        Assert.That(GrpcTimeout.TryParse("99999999H", out var timeout), Is.True);
        Assert.That(timeout, Is.GreaterThan(TimeSpan.FromDays(365 * 1000)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("S")]
    [TestCase("10")]
    [TestCase("123456789S")]
    [TestCase("10s")]
    [TestCase("10x")]
    [TestCase("-1S")]
    [TestCase(" 1S")]
    [TestCase("1.5S")]
    public void Parse_Malformed_IsRejected(string? value)
    {
        Assert.That(GrpcTimeout.TryParse(value, out _), Is.False);
    }

    [TestCase(0.5, "500000u")]
    [TestCase(1.0, "1000000u")]
    [TestCase(100.0, "100000m")]
    [TestCase(100_000.0, "100000S")]
    public void Format_PicksTheFinestUnitThatFits(double seconds, string expected)
    {
        Assert.That(GrpcTimeout.Format(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));
    }

    [Test]
    public void Format_ExpiredDeadline_IsOneNanosecondNotOmitted()
    {
        Assert.That(GrpcTimeout.Format(TimeSpan.Zero), Is.EqualTo("1n"));
        Assert.That(GrpcTimeout.Format(TimeSpan.FromSeconds(-5)), Is.EqualTo("1n"));
    }

    [TestCase(0.000_000_1)]
    [TestCase(0.25)]
    [TestCase(7_200.5)]
    [TestCase(40_000_000.0)]
    public void FormatThenParse_NeverShortensTheTimeout(double seconds)
    {
        var timeout = TimeSpan.FromSeconds(seconds);
        Assert.That(GrpcTimeout.TryParse(GrpcTimeout.Format(timeout), out var parsed), Is.True);
        Assert.That(parsed, Is.GreaterThanOrEqualTo(timeout));
        Assert.That(GrpcTimeout.Format(timeout).Length, Is.LessThanOrEqualTo(9));
    }
}
