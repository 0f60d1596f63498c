using Lotus.Calculators.Tests.Support;
using static Lotus.Calculators.Tests.Support.Records;

namespace Lotus.Calculators.Tests;

/// <summary>Back-dated transactions and prices (semantics §7): new data version, only affected keys restated, old versions kept.</summary>
[TestFixture]
public sealed class ReprocessingTests
{
    private Pipeline _p = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _p = await Pipeline.CreateAsync();
        await _p.Instruments(Instrument("AAA"), Instrument("BBB"));
        await _p.BusinessDates("2024-03-01", "2024-03-04", "2024-03-05", "2024-03-06");
        await _p.Prices(
            Price("AAA", "2024-03-01", "10"), Price("AAA", "2024-03-04", "11"), Price("AAA", "2024-03-05", "12"), Price("AAA", "2024-03-06", "13"),
            Price("BBB", "2024-03-01", "20"), Price("BBB", "2024-03-06", "21"));
    }

    [TearDown]
    public async Task TearDownAsync() => await _p.DisposeAsync();

    [Test]
    public async Task BackDatedBuy_RestatesOnlyItsKeyUnderANewVersion_AndEqualsAFromScratchRun()
    {
        await _p.Portfolios(Portfolio("P1"), Portfolio("P2"));
        await _p.Transactions(
            Buy("P1-B1", "P1", "AAA", "2024-03-04", "10", "11"),
            Sell("P1-S1", "P1", "AAA", "2024-03-06", "5", "13"),
            Buy("P1-B2", "P1", "BBB", "2024-03-01", "3", "20"));
        await _p.DrainAsync();
        var before = await _p.Version("P1");
        var snapshotBefore = await StateSnapshot.ReadAsync(_p, "P1");

        // A BUY dated before everything else of AAA: FIFO now sells 5 of the older lot.
        await _p.Transactions(Buy("P1-B0", "P1", "AAA", "2024-03-01", "10", "9"));
        await _p.DrainAsync();

        var after = await _p.Version("P1");
        Assert.That(after, Is.EqualTo(before + 1));
        var costs = (await _p.Costs("P1")).ToDictionary(c => c.TransactionId);
        Assert.That(costs["P1-S1"].RealizedGainLoss, Is.EqualTo(65m - 45m), "FIFO consumes the back-dated lot first");

        var days = await _p.PositionDays("P1");
        Assert.That(days.Where(d => d.SecurityId == "BBB").All(d => d.ValidFrom == before), "BBB was not restated");
        Assert.That(days.Where(d => d.SecurityId == "AAA").All(d => d.ValidFrom == after));

        // The old version is still readable as it was.
        (await StateSnapshot.ReadAsync(_p, "P1", before)).AssertEqual(snapshotBefore, "version before the correction");

        // Equal to the same transactions ingested at once.
        await _p.Transactions(
            Buy("P2-B1", "P2", "AAA", "2024-03-04", "10", "11"),
            Sell("P2-S1", "P2", "AAA", "2024-03-06", "5", "13"),
            Buy("P2-B2", "P2", "BBB", "2024-03-01", "3", "20"),
            Buy("P2-B0", "P2", "AAA", "2024-03-01", "10", "9"));
        await _p.DrainAsync();
        (await StateSnapshot.ReadAsync(_p, "P1")).AssertEqual(await StateSnapshot.ReadAsync(_p, "P2"), "incremental vs from scratch");
    }

    [Test]
    public async Task BackDatedPrice_RevaluesFromItsDate_AndFillsAnUnvaluedGap()
    {
        await _p.Portfolios(Portfolio("P1"));
        await _p.Transactions(Buy("P1-B1", "P1", "BBB", "2024-03-01", "2", "20"));
        await _p.DrainAsync();
        var stale = (await _p.PositionDays("P1")).Single(d => d.ValuationDate == new DateOnly(2024, 3, 5));
        Assert.That(stale.ValuationStatus, Is.EqualTo("VALUED_STALE"));
        Assert.That(stale.MarketValueLocal, Is.EqualTo(40m));

        await _p.Prices(Price("BBB", "2024-03-05", "25"));
        await _p.DrainAsync();

        var days = (await _p.PositionDays("P1")).ToDictionary(d => d.ValuationDate.Day);
        Assert.That(days[5].ValuationStatus, Is.EqualTo("VALUED_CURRENT"));
        Assert.That(days[5].MarketValueLocal, Is.EqualTo(50m));
        Assert.That(days[4].MarketValueLocal, Is.EqualTo(40m), "before the price date nothing changes");
        Assert.That(days[6].BodMarketValue, Is.EqualTo(50m));
        var portfolio = (await _p.PortfolioDays("P1")).ToDictionary(d => d.ValuationDate.Day);
        Assert.That(portfolio[5].EodMarketValue, Is.EqualTo(50m));
    }

    [Test]
    public async Task PositionWithoutPrice_IsUnvalued_NeverZero_AndThePortfolioDayIsAGap()
    {
        await _p.Instruments(Instrument("NOPX"));
        await _p.Portfolios(Portfolio("P1"));
        await _p.Transactions(Buy("P1-B1", "P1", "NOPX", "2024-03-04", "2", "20"), Buy("P1-B2", "P1", "AAA", "2024-03-04", "1", "11"));
        await _p.DrainAsync();

        var day = (await _p.PositionDays("P1")).First(d => d.SecurityId == "NOPX");
        Assert.That(day.ValuationStatus, Is.EqualTo("UNVALUED"));
        Assert.That(day.MarketValueLocal, Is.Null);
        Assert.That(day.EodMarketValue, Is.Null);
        Assert.That(day.TimeseriesGapReason, Is.Not.Null);
        var portfolioDay = (await _p.PortfolioDays("P1")).First();
        Assert.That(portfolioDay.EodMarketValue, Is.Null);
        Assert.That(portfolioDay.UnvaluedPositionCount, Is.EqualTo(1));
        Assert.That(portfolioDay.GapReason, Does.Contain("NOPX"));
    }

    [Test]
    public async Task SellBeyondHoldings_IsRecordedAsFailed_AndTheRestStillComputes()
    {
        await _p.Portfolios(Portfolio("P1"));
        await _p.Transactions(Buy("P1-B1", "P1", "AAA", "2024-03-01", "5", "10"), Sell("P1-S1", "P1", "AAA", "2024-03-04", "8", "11"));
        await _p.DrainAsync();

        var costs = (await _p.Costs("P1")).ToDictionary(c => c.TransactionId);
        Assert.That(costs["P1-S1"].ProcessingStatus, Is.EqualTo("failed"));
        Assert.That(costs["P1-S1"].FailureReason, Does.Contain("8"));
        Assert.That(costs["P1-B1"].ProcessingStatus, Is.EqualTo("processed"));
        Assert.That((await _p.PositionDays("P1")).Last().Quantity, Is.EqualTo(5m));

        // The missing BUY arrives back-dated: the SELL now succeeds.
        await _p.Transactions(Buy("P1-B0", "P1", "AAA", "2024-03-01", "5", "9"));
        await _p.DrainAsync();
        costs = (await _p.Costs("P1")).ToDictionary(c => c.TransactionId);
        Assert.That(costs["P1-S1"].ProcessingStatus, Is.EqualTo("processed"));
        Assert.That((await _p.PositionDays("P1")).Last().Quantity, Is.EqualTo(2m));
    }
}
