using Lotus.Domain.MarketData;
using Lotus.Domain.Pipeline;
using Lotus.Domain.Values;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Positions;

[TestFixture]
public sealed class PositionHistoryTests
{
    [Test]
    public void Security_RunningQuantityAndCost_AfterEachTransaction()
    {
        var result = KeyCalculator.Recompute(Usd(), Stock(),
        [
            Buy("B1", "2026-01-02", 10m, 100m, fee: 1m),
            Dividend("D1", "2026-01-03", 5m),
            Make("BI", TransactionType.BonusIssue, "2026-01-04", 5m),
            Sell("S1", "2026-01-05", 15m, 300m),
        ], InMemoryFxSource.Empty);

        Assert.That(result.History.Select(h => (h.PositionDate, h.Quantity, h.CostBasis)), Is.EqualTo(new[]
        {
            (D("2026-01-02"), 10m, 101m),
            (D("2026-01-03"), 10m, 101m),
            (D("2026-01-04"), 15m, 101m),
            (D("2026-01-05"), 0m, 0m),
        }));
    }

    [Test]
    public void ZeroQuantity_ForcesZeroCostBasis()
    {
        // AVCO after 3-for-100 and three sells leaves no residue in the position.
        var result = KeyCalculator.Recompute(Usd(CostBasisMethod.Avco), Stock(),
        [
            Buy("B1", "2026-01-02", 3m, 100m),
            Sell("S1", "2026-01-03", 1m, 10m),
            Sell("S2", "2026-01-04", 2m, 10m),
        ], InMemoryFxSource.Empty);
        Assert.That(result.History[^1].CostBasisLocal, Is.EqualTo(0m));
        Assert.That(result.History[^1].Quantity, Is.EqualTo(0m));
    }

    [Test]
    public void CashPosition_QuantityIsTheAmount_AndCanGoNegative()
    {
        var result = KeyCalculator.Recompute(Usd(), CashInstrument(),
        [
            Cash("DEP", TransactionType.Deposit, "2026-01-02", 1000m),
            Cash("SELLCASH", TransactionType.Sell, "2026-01-03", 1001m),
            Cash("FEE", TransactionType.Fee, "2026-01-04", 10m, fee: 2m),
            Cash("IN", TransactionType.Buy, "2026-01-05", 50m),
        ], InMemoryFxSource.Empty);

        Assert.That(result.History.Select(h => h.Quantity), Is.EqualTo(new[] { 1000m, -1m, -13m, 37m }));
        Assert.That(result.History.Select(h => h.CostBasisLocal), Is.EqualTo(new[] { 1000m, -1m, -13m, 37m }));
    }

    [Test]
    public void Adjustment_MovesCashByDirection()
    {
        var outflow = Cash("ADJ", TransactionType.Adjustment, "2026-01-03", 40m) with { Quantity = 0m, MovementDirection = MovementDirection.Outflow };
        var result = KeyCalculator.Recompute(Usd(), CashInstrument(),
        [
            Cash("DEP", TransactionType.Deposit, "2026-01-02", 100m),
            outflow,
        ], InMemoryFxSource.Empty);
        Assert.That(result.History[^1].Quantity, Is.EqualTo(60m));
    }

    [Test]
    public void SecurityWithdrawal_ReducesByQuantity_NotByAmount()
    {
        var result = KeyCalculator.Recompute(Usd(), Stock(),
        [
            Buy("B1", "2026-01-02", 10m, 1000m),
            Make("W1", TransactionType.Withdrawal, "2026-01-03", 4m, 450m),
        ], InMemoryFxSource.Empty);
        Assert.That(result.History[^1].Quantity, Is.EqualTo(6m));
        Assert.That(result.History[^1].CostBasis, Is.EqualTo(600m));
    }

    [Test]
    public void DepositOnSecurity_IsRefused()
    {
        var ex = Assert.Throws<DomainValidationException>(() =>
            KeyCalculator.Recompute(Usd(), Stock(), [Make("DEP", TransactionType.Deposit, "2026-01-02", 0m, 100m)], InMemoryFxSource.Empty));
        Assert.That(ex!.Field, Is.EqualTo("security_id"));
    }
}
