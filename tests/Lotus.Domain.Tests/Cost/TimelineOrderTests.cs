using Lotus.Domain.Cost;
using Lotus.Domain.Values;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Cost;

[TestFixture]
public sealed class TimelineOrderTests
{
    [Test]
    public void Cash_SameTimestamp_InflowsBeforeNeutralBeforeOutflows()
    {
        var sorted = TransactionTimeline.ForCash.Sort(
        [
            Cash("A-WITHDRAW", TransactionType.Withdrawal, "2026-01-02", 900m),
            Cash("B-ADJUST", TransactionType.Adjustment, "2026-01-02", 5m),
            Cash("C-DEPOSIT", TransactionType.Deposit, "2026-01-02", 10m),
        ]);
        Assert.That(sorted.Select(t => t.TransactionId), Is.EqualTo(new[] { "C-DEPOSIT", "B-ADJUST", "A-WITHDRAW" }));
    }

    [Test]
    public void Security_SameTimestampAndQuantity_FallsBackToTransactionId()
    {
        var sorted = TransactionTimeline.ForSecurities.Sort(
        [
            Buy("B2", "2026-01-02", 5m, 50m),
            Sell("A1", "2026-01-02", 5m, 60m),
        ]);
        Assert.That(sorted.Select(t => t.TransactionId), Is.EqualTo(new[] { "A1", "B2" }));
    }

    [Test]
    public void EarlierTimestamp_AlwaysFirst()
    {
        var late = Buy("A", "2026-01-03", 100m, 50m);
        var early = Sell("Z", "2026-01-02", 1m, 60m);
        Assert.That(TransactionTimeline.ForSecurities.Compare(early, late), Is.LessThan(0));
    }
}
