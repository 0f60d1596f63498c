// FsCheck supplies the arguments of [Property] methods; the NUnit analyzer cannot see that.
#pragma warning disable NUnit1027

using Lotus.Domain.MarketData;
using Lotus.Domain.Pipeline;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Properties;

[TestFixture]
public sealed class PipelineProperties
{
    private static readonly Portfolio Fifo = Usd(CostBasisMethod.Fifo);
    private static readonly Portfolio Avco = Usd(CostBasisMethod.Avco);

    [FsCheck.NUnit.Property(MaxTest = 60)]
    public void AnyInputOrder_GivesTheSortedRunsResults(int seed, bool avco, bool euro)
    {
        var portfolio = avco ? Avco : Fifo;
        var (instrument, transactions, fx) = Scenario(seed, euro, 120);
        var sorted = KeyCalculator.Recompute(portfolio, instrument, TimelineSorted(instrument, transactions), fx);
        var shuffled = KeyCalculator.Recompute(portfolio, instrument, ScenarioGenerator.Shuffle(transactions, seed ^ 0x5bd1e995), fx);

        AssertSame(shuffled, sorted);
    }

    [FsCheck.NUnit.Property(MaxTest = 60)]
    public void RecomputeFromAnyDate_EqualsTheFullRecompute(int seed, bool avco, bool euro, byte cut)
    {
        var portfolio = avco ? Avco : Fifo;
        var (instrument, transactions, fx) = Scenario(seed, euro, 120);
        var full = KeyCalculator.Recompute(portfolio, instrument, transactions, fx);
        var from = transactions[cut % transactions.Count].TradeDate;

        var before = KeyCalculator.CheckpointBefore(portfolio, instrument, transactions, from, fx);
        var partial = KeyCalculator.RecomputeFrom(portfolio, instrument, from, before, transactions.Where(t => t.TradeDate >= from), fx);
        var skipped = full.Costed.Length - partial.Costed.Length;

        Assert.That(partial.Costed, Is.EqualTo(full.Costed.Skip(skipped)));
        Assert.That(partial.History, Is.EqualTo(full.History.Skip(skipped)));
        Assert.That(partial.Cashflows, Is.EqualTo(full.Cashflows.Skip(skipped)));
        Assert.That(partial.End.GetOpenLots(), Is.EqualTo(full.End.GetOpenLots()));
        Assert.That(partial.End.Position, Is.EqualTo(full.End.Position));
    }

    [FsCheck.NUnit.Property(MaxTest = 40)]
    public void PersistedAndRestoredCheckpoint_ContinuesExactlyLikeTheFullRun(int seed, bool avco, bool euro, byte cut)
    {
        var portfolio = avco ? Avco : Fifo;
        var (instrument, transactions, fx) = Scenario(seed, euro, 120);
        var full = KeyCalculator.Recompute(portfolio, instrument, transactions, fx);
        var from = transactions[cut % transactions.Count].TradeDate;
        var before = KeyCalculator.CheckpointBefore(portfolio, instrument, transactions, from, fx);

        var restored = KeyCheckpoint.Restore(before.SnapshotBook(), before.Position, before.LastTransaction);
        var partial = KeyCalculator.RecomputeFrom(portfolio, instrument, from, restored, transactions.Where(t => t.TradeDate >= from), fx);

        Assert.That(restored.SnapshotBook().FifoLots, Is.EqualTo(before.SnapshotBook().FifoLots));
        Assert.That(partial.Costed, Is.EqualTo(full.Costed.Skip(full.Costed.Length - partial.Costed.Length)));
        Assert.That(partial.End.GetOpenLots(), Is.EqualTo(full.End.GetOpenLots()));
    }

    [FsCheck.NUnit.Property(MaxTest = 40)]
    public void LotsAlwaysAddUpToThePosition(int seed, bool avco)
    {
        var portfolio = avco ? Avco : Fifo;
        var (instrument, transactions, fx) = Scenario(seed, false, 150);
        var result = KeyCalculator.Recompute(portfolio, instrument, transactions, fx);
        var lots = result.End.GetOpenLots();

        // FIFO lots are the position exactly; AVCO source lots are a pro-rata view, each rounded to 10 dp.
        var tolerance = avco ? lots.Count * 0.0000000001m : 0m;
        Assert.That(Math.Abs(lots.Sum(l => l.OpenQuantity) - result.End.Position.Quantity), Is.LessThanOrEqualTo(tolerance));
        Assert.That(Math.Abs(lots.Sum(l => l.OpenCostLocal) - result.End.Position.CostBasisLocal), Is.LessThanOrEqualTo(avco ? tolerance : 0m));
    }

    internal static (Instrument Instrument, List<Transaction> Transactions, IFxSource Fx) Scenario(int seed, bool euro, int count)
    {
        var currency = euro ? "EUR" : "USD";
        var instrument = Stock("SEC_P", currency);
        var transactions = ScenarioGenerator.Security(seed, "SEC_P", currency, count);
        var fx = new InMemoryFxSource(ScenarioGenerator.Rates(seed, "EUR", "USD", 3 * count + 10));
        return (instrument, transactions, fx);
    }

    private static Transaction[] TimelineSorted(Instrument instrument, IEnumerable<Transaction> transactions) =>
        Lotus.Domain.Cost.TransactionTimeline.For(instrument).Sort(transactions);

    private static void AssertSame(KeyResult actual, KeyResult expected)
    {
        Assert.That(actual.Costed, Is.EqualTo(expected.Costed));
        Assert.That(actual.History, Is.EqualTo(expected.History));
        Assert.That(actual.Cashflows, Is.EqualTo(expected.Cashflows));
        Assert.That(actual.End.GetOpenLots(), Is.EqualTo(expected.End.GetOpenLots()));
    }
}
