using Lotus.Domain.MarketData;
using Lotus.Domain.Pipeline;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Pipeline;

[TestFixture]
public sealed class BackdatedRecomputeTests
{
    private static readonly Transaction[] Booked =
    [
        Buy("B1", "2026-01-05", 10m, 1000m),
        Buy("B2", "2026-01-10", 10m, 1500m),
        Sell("S1", "2026-01-20", 10m, 1800m),
    ];

    [Test]
    public void BackdatedBuy_ChangesALaterFifoSell()
    {
        var before = KeyCalculator.Recompute(Usd(), Stock(), Booked, InMemoryFxSource.Empty);
        var after = KeyCalculator.Recompute(Usd(), Stock(), [.. Booked, Buy("B0", "2026-01-02", 10m, 500m)], InMemoryFxSource.Empty);

        Assert.That(before.Costed[^1].RealizedGainLoss, Is.EqualTo(800m));
        Assert.That(after.Costed[^1].RealizedGainLoss, Is.EqualTo(1300m));
    }

    [TestCase(CostBasisMethod.Fifo)]
    [TestCase(CostBasisMethod.Avco)]
    public void RecomputeFromTheBackdatedDate_EqualsTheFullRecompute(CostBasisMethod method)
    {
        var late = Buy("B9", "2026-01-08", 5m, 400m);
        var all = Booked.Append(late).ToArray();
        var from = late.TradeDate;

        var checkpoint = KeyCalculator.CheckpointBefore(Usd(method), Stock(), all, from, InMemoryFxSource.Empty);
        var partial = KeyCalculator.RecomputeFrom(Usd(method), Stock(), from, checkpoint, all.Where(t => t.TradeDate >= from), InMemoryFxSource.Empty);
        var full = KeyCalculator.Recompute(Usd(method), Stock(), all, InMemoryFxSource.Empty);

        var skipped = full.Costed.Length - partial.Costed.Length;
        Assert.That(skipped, Is.EqualTo(1));
        Assert.That(partial.Costed, Is.EqualTo(full.Costed.Skip(skipped)));
        Assert.That(partial.History, Is.EqualTo(full.History.Skip(skipped)));
        Assert.That(partial.Cashflows, Is.EqualTo(full.Cashflows.Skip(skipped)));
        Assert.That(partial.End.GetOpenLots(), Is.EqualTo(full.End.GetOpenLots()));
    }

    [Test]
    public void RecomputeFrom_RefusesTransactionsBeforeTheDate()
    {
        var checkpoint = KeyCheckpoint.Empty(CostBasisMethod.Fifo);
        Assert.Throws<ArgumentException>(() =>
            KeyCalculator.RecomputeFrom(Usd(), Stock(), D("2026-01-10"), checkpoint, Booked, InMemoryFxSource.Empty));
    }
}
