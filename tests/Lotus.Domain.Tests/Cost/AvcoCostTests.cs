using Lotus.Domain.Cost;
using Lotus.Domain.MarketData;
using Lotus.Domain.Values;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Cost;

[TestFixture]
public sealed class AvcoCostTests
{
    [Test]
    public void TwoBuysThenSellFifty_CogsIsAverage_SourcesScaleProRata()
    {
        // Semantics 2.4: two buys 100 (cost 1000) and 100 (cost 1200), sell 50 -> sources 75/750 and 75/900.
        var book = CostBook.Create(CostBasisMethod.Avco);
        var costed = new CostedTransaction[3];
        CostEngine.Run(Usd(CostBasisMethod.Avco), Stock(),
        [
            Buy("B1", "2026-01-02", 100m, 1000m),
            Buy("B2", "2026-01-03", 100m, 1200m),
            Sell("S1", "2026-01-04", 50m, 700m),
        ], InMemoryFxSource.Empty, book, costed);

        var lots = book.GetOpenLots();
        Assert.Multiple(() =>
        {
            Assert.That(costed[2].NetCostLocal, Is.EqualTo(-550m));
            Assert.That(costed[2].RealizedGainLossLocal, Is.EqualTo(150m));
            Assert.That(book.AvailableQuantity, Is.EqualTo(150m));
            Assert.That(book.OpenCostLocal, Is.EqualTo(1650m));
            Assert.That(lots.Select(l => (l.OpenQuantity, l.OpenCostLocal)), Is.EqualTo(new[] { (75m, 750m), (75m, 900m) }));
        });
    }

    [Test]
    public void RepeatedPartialSells_AreComputedFromSegmentStart()
    {
        // Pool 3 units for 100: each sell of 1 re-derives cost_after from the segment start (100 x after / 3).
        var result = CostEngine.Run(Usd(CostBasisMethod.Avco), Stock(),
        [
            Buy("B1", "2026-01-02", 3m, 100m),
            Sell("S1", "2026-01-03", 1m, 40m),
            Sell("S2", "2026-01-04", 1m, 40m),
            Sell("S3", "2026-01-05", 1m, 40m),
        ], InMemoryFxSource.Empty);

        Assert.That(result.Skip(1).Select(r => r.NetCostLocal), Is.EqualTo(new[] { -33.3333333333m, -33.3333333334m, -33.3333333333m }));
        Assert.That(result.Skip(1).Sum(r => r.NetCostLocal), Is.EqualTo(-100m));
    }

    [Test]
    public void FifoAndAvco_DifferOnTheSameSell()
    {
        var txns = new[]
        {
            Buy("B1", "2026-01-02", 10m, 100m),
            Buy("B2", "2026-01-03", 10m, 200m),
            Sell("S1", "2026-01-04", 10m, 250m),
        };
        var fifo = CostEngine.Run(Usd(CostBasisMethod.Fifo), Stock(), txns, InMemoryFxSource.Empty);
        var avco = CostEngine.Run(Usd(CostBasisMethod.Avco), Stock(), txns, InMemoryFxSource.Empty);
        Assert.That(fifo[2].RealizedGainLossLocal, Is.EqualTo(150m));
        Assert.That(avco[2].RealizedGainLossLocal, Is.EqualTo(100m));
    }

    [Test]
    public void SellWholePool_ClosesEverySource()
    {
        var book = CostBook.Create(CostBasisMethod.Avco);
        var costed = new CostedTransaction[3];
        CostEngine.Run(Usd(CostBasisMethod.Avco), Stock(),
        [
            Buy("B1", "2026-01-02", 3m, 100m),
            Sell("S1", "2026-01-03", 1m, 40m),
            Sell("S2", "2026-01-04", 2m, 80m),
        ], InMemoryFxSource.Empty, book, costed);
        Assert.That(costed.Sum(c => c.NetCostLocal), Is.EqualTo(0m));
        Assert.That(book.GetOpenLots(), Is.Empty);
    }
}
