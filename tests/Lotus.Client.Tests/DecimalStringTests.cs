using Lotus.Core.V1;

namespace Lotus.Client.Tests;

[TestFixture]
public sealed class DecimalStringTests
{
    [TestCase("0", "0")]
    [TestCase("-0.5", "-0.5")]
    [TestCase("+7", "7")]
    [TestCase("1025000.1200000000", "1025000.1200000000")]
    [TestCase("79228162514264337593543950335", "79228162514264337593543950335")]
    public void PlainDecimal_ParsesAndKeepsScale(string wire, string formatted)
    {
        var value = DecimalString.Parse(wire);
        Assert.That(DecimalString.Format(value), Is.EqualTo(formatted));
    }

    [TestCase("")]
    [TestCase("NaN")]
    [TestCase("Infinity")]
    [TestCase("-Infinity")]
    [TestCase("1e5")]
    [TestCase("1E-2")]
    [TestCase("1,000.5")]
    [TestCase(" 1")]
    [TestCase("1 ")]
    [TestCase("1.")]
    [TestCase(".5")]
    [TestCase("-")]
    [TestCase("1.2.3")]
    [TestCase("0x10")]
    [TestCase("79228162514264337593543950336")]
    public void NonDecimalForm_IsRejected(string wire)
    {
        Assert.That(DecimalString.TryParse(wire, out _), Is.False);
        Assert.Throws<FormatException>(() => DecimalString.Parse(wire));
    }

    [Test]
    public void Format_UsesInvariantNotationWithoutExponent()
    {
        Assert.That(DecimalString.Format(0.0000001m), Is.EqualTo("0.0000001"));
        Assert.That(DecimalString.Format(-1234567.891m), Is.EqualTo("-1234567.891"));
    }

    [Test]
    public void ParseOrDefault_EmptyGivesDefault()
    {
        Assert.That(DecimalString.ParseOrDefault("", 1m), Is.EqualTo(1m));
        Assert.That(DecimalString.ParseOrDefault(null), Is.EqualTo(0m));
    }

    [Test]
    public void Observation_ToValue_ConvertsMoneyAndFlows()
    {
        var observation = new PortfolioObservation
        {
            ValuationDate = "2026-01-07",
            BeginningMarketValue = "122720.0000000000",
            EndingMarketValue = "123950.5",
            CashFlows = { new CashFlowObservation { Amount = "-100.00", Timing = "eod", CashFlowType = "fee" } },
        };

        var value = observation.ToValue();

        Assert.That(value.ValuationDate, Is.EqualTo(new DateOnly(2026, 1, 7)));
        Assert.That(value.BeginningMarketValue, Is.EqualTo(122720m));
        Assert.That(value.EndingMarketValue, Is.EqualTo(123950.5m));
        Assert.That(value.CashFlows.Single().Amount, Is.EqualTo(-100m));
    }

    [Test]
    public void PositionRow_ToValue_EmptyFxRateReadsAsOne()
    {
        var row = new PositionTimeseriesRow { ValuationDate = "2026-01-07", PositionToPortfolioFxRate = "", PortfolioToReportingFxRate = "1.1" };

        var value = row.ToValue();

        Assert.That(value.PositionToPortfolioFxRate, Is.EqualTo(1m));
        Assert.That(value.PortfolioToReportingFxRate, Is.EqualTo(1.1m));
    }

    [Test]
    public void Observation_ToValue_MalformedAmountThrows()
    {
        var observation = new PortfolioObservation { ValuationDate = "2026-01-07", EndingMarketValue = "NaN" };

        Assert.Throws<FormatException>(() => observation.ToValue());
    }
}
