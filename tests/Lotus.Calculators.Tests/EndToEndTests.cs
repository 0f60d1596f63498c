using Lotus.Calculators.Tests.Support;
using static Lotus.Calculators.Tests.Support.Records;

namespace Lotus.Calculators.Tests;

[TestFixture]
public sealed class EndToEndTests
{
    private Pipeline _p = null!;

    [SetUp]
    public async Task SetUpAsync() => _p = await Pipeline.CreateAsync();

    [TearDown]
    public async Task TearDownAsync() => await _p.DisposeAsync();

    [Test]
    public async Task FifoBuysAndSell_IngestedThroughService_ProduceCostsPositionsAndTimeseries()
    {
        await _p.Portfolios(Portfolio("P1"));
        await _p.Instruments(Instrument("AAPL"));
        await _p.BusinessDates("2024-03-01", "2024-03-04", "2024-03-05");
        await _p.Prices(Price("AAPL", "2024-03-01", "151"), Price("AAPL", "2024-03-04", "155"), Price("AAPL", "2024-03-05", "172"));
        await _p.Transactions(
            Buy("B1", "P1", "AAPL", "2024-03-01", "10", "150", fee: "1.5"),
            Buy("B2", "P1", "AAPL", "2024-03-04", "5", "160"),
            Sell("S1", "P1", "AAPL", "2024-03-05", "8", "170"));

        Assert.That(await _p.DrainAsync(), Is.GreaterThan(0));

        var costs = (await _p.Costs("P1")).ToDictionary(c => c.TransactionId);
        Assert.That(costs["B1"].NetCost, Is.EqualTo(1501.5m));
        Assert.That(costs["B2"].NetCost, Is.EqualTo(800m));
        Assert.That(costs["S1"].RealizedGainLoss, Is.EqualTo(158.8m), "1360 - 8/10 of 1501.5 (FIFO)");
        Assert.That(costs.Values.All(c => c.ProcessingStatus == "processed"));

        var days = await _p.PositionDays("P1");
        Assert.That(days.Select(d => (d.ValuationDate.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.Quantity, d.MarketValueLocal)), Is.EqualTo(new[]
        {
            ("03-01", 10m, (decimal?)1510m),
            ("03-04", 15m, (decimal?)2325m),
            ("03-05", 7m, (decimal?)1204m),
        }));
        Assert.That(days[2].CostBasis, Is.EqualTo(1100.3m));
        Assert.That(days[2].UnrealizedGainLoss, Is.EqualTo(103.7m));
        Assert.That(days[1].BodMarketValue, Is.EqualTo(1510m));
        Assert.That(days[0].BodCashflowPosition, Is.EqualTo(1501.5m), "a BUY is money into the position, at BOD (rules table)");

        var portfolio = await _p.PortfolioDays("P1");
        Assert.That(portfolio.Select(d => (d.BodMarketValue, d.EodMarketValue)), Is.EqualTo(new[]
        {
            ((decimal?)0m, (decimal?)1510m),
            (1510m, 2325m),
            (2325m, 1204m),
        }));
        Assert.That(portfolio.All(d => d.PositionCount == 1 && d.UnvaluedPositionCount == 0 && d.GapReason is null));
    }

    [Test]
    public async Task DrainingTwice_SecondDrainFindsNothingAndChangesNothing()
    {
        await _p.Portfolios(Portfolio("P1"));
        await _p.Instruments(Instrument("AAPL"));
        await _p.BusinessDates("2024-03-01");
        await _p.Prices(Price("AAPL", "2024-03-01", "151"));
        await _p.Transactions(Buy("B1", "P1", "AAPL", "2024-03-01", "10", "150"));
        await _p.DrainAsync();
        var version = await _p.Version("P1");

        Assert.That(await _p.DrainAsync(), Is.Zero);
        Assert.That(await _p.Version("P1"), Is.EqualTo(version));
        Assert.That(await _p.PositionDays("P1"), Has.Count.EqualTo(1));
    }
}
