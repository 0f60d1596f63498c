using Lotus.Domain.Cost;
using Lotus.Domain.MarketData;
using Lotus.Domain.Values;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Cost;

[TestFixture]
public sealed class TransactionTypeTests
{
    [Test]
    public void UnknownType_IsRefusedByName()
    {
        var ex = Assert.Throws<DomainValidationException>(() => TransactionTypes.Parse("MERGER_IN"));
        Assert.That(ex!.Field, Is.EqualTo("transaction_type"));
        Assert.That(ex.Message, Does.Contain("'MERGER_IN'"));
    }

    [TestCase("buy", TransactionType.Buy)]
    [TestCase(" TRANSFER_IN ", TransactionType.TransferIn)]
    [TestCase("STOCK_DIVIDEND", TransactionType.StockDividend)]
    public void KnownWireName_Parses(string wire, TransactionType expected)
    {
        Assert.That(TransactionTypes.Parse(wire), Is.EqualTo(expected));
    }

    [Test]
    public void EveryType_RoundTripsItsWireName()
    {
        foreach (var type in Enum.GetValues<TransactionType>())
        {
            Assert.That(TransactionTypes.Parse(type.ToWireName()), Is.EqualTo(type));
        }
    }

    [Test]
    public void CostBasisMethod_ParsesLikeTheOriginal()
    {
        Assert.That(CostBasisMethods.Parse("avco"), Is.EqualTo(CostBasisMethod.Avco));
        Assert.That(CostBasisMethods.Parse(null), Is.EqualTo(CostBasisMethod.Fifo));
        Assert.Throws<DomainValidationException>(() => CostBasisMethods.Parse("LIFO"));
    }

    [Test]
    public void Dividend_LeavesCostUntouched_WithExplicitZeroPnl()
    {
        var result = CostEngine.Run(Usd(), Stock(), [Buy("B1", "2026-01-02", 10m, 100m), Dividend("D1", "2026-01-10", 25m)], InMemoryFxSource.Empty);
        Assert.That(result[1].NetCost, Is.EqualTo(0m));
        Assert.That(result[1].RealizedGainLoss, Is.EqualTo(0m));
    }

    [Test]
    public void DividendWithQuantity_IsRefused()
    {
        var bad = Dividend("D1", "2026-01-10", 25m) with { Quantity = 1m };
        var ex = Assert.Throws<DomainValidationException>(() => CostEngine.Run(Usd(), Stock(), [bad], InMemoryFxSource.Empty));
        Assert.That(ex!.Field, Is.EqualTo("quantity"));
    }

    [Test]
    public void TaxOnSecurity_IsRefused_ButAcceptedOnCash()
    {
        var onStock = Make("T1", TransactionType.Tax, "2026-01-10", gross: 5m);
        Assert.Throws<DomainValidationException>(() => CostEngine.Run(Usd(), Stock(), [onStock], InMemoryFxSource.Empty));
        var onCash = CostEngine.Run(Usd(), CashInstrument(), [Cash("T1", TransactionType.Tax, "2026-01-10", 5m)], InMemoryFxSource.Empty);
        Assert.That(onCash[0].NetCostLocal, Is.EqualTo(-5m));
        Assert.That(onCash[0].RealizedGainLoss, Is.Null);
    }

    [Test]
    public void CashFee_AddsFeeComponentsToTheOutflow()
    {
        var result = CostEngine.Run(Usd(), CashInstrument(), [Cash("F1", TransactionType.Fee, "2026-01-10", 20m, fee: 1m)], InMemoryFxSource.Empty);
        Assert.That(result[0].NetCostLocal, Is.EqualTo(-21m));
    }

    [Test]
    public void CashOutflows_HaveNoOversellCheck()
    {
        var result = CostEngine.Run(Usd(), CashInstrument(),
        [
            Cash("DEP", TransactionType.Deposit, "2026-01-02", 100m),
            Cash("W1", TransactionType.Withdrawal, "2026-01-03", 250m),
        ], InMemoryFxSource.Empty);
        Assert.That(result[1].NetCostLocal, Is.EqualTo(-250m));
    }

    [Test]
    public void TransferInAndOut_MoveBasisWithoutPnl()
    {
        var result = CostEngine.Run(Usd(), Stock(),
        [
            Make("TI", TransactionType.TransferIn, "2026-01-02", 10m, 500m, fee: 7m),
            Make("TO", TransactionType.TransferOut, "2026-01-03", 4m, 0m),
        ], InMemoryFxSource.Empty);
        Assert.That(result[0].NetCostLocal, Is.EqualTo(500m));
        Assert.That(result[1].NetCostLocal, Is.EqualTo(-200m));
        Assert.That(result[1].RealizedGainLoss, Is.Null);
    }

    [Test]
    public void Split_RestatesLots_SoTheNewUnitsCanBeSold()
    {
        var book = CostBook.Create(CostBasisMethod.Fifo);
        var costed = new CostedTransaction[3];
        CostEngine.Run(Usd(), Stock(),
        [
            Buy("B1", "2026-01-02", 100m, 1000m),
            Make("SP", TransactionType.Split, "2026-01-03", 100m),
            Sell("S1", "2026-01-04", 150m, 900m),
        ], InMemoryFxSource.Empty, book, costed);

        Assert.That(costed[1].NetCost, Is.EqualTo(0m));
        Assert.That(costed[2].NetCostLocal, Is.EqualTo(-750m));
        Assert.That(book.AvailableQuantity, Is.EqualTo(50m));
        Assert.That(book.OpenCostLocal, Is.EqualTo(250m));
    }

    [Test]
    public void ReverseSplit_RestatesAvcoPool()
    {
        var book = CostBook.Create(CostBasisMethod.Avco);
        var costed = new CostedTransaction[3];
        CostEngine.Run(Usd(CostBasisMethod.Avco), Stock(),
        [
            Buy("B1", "2026-01-02", 100m, 1000m),
            Make("RS", TransactionType.ReverseSplit, "2026-01-03", 90m),
            Sell("S1", "2026-01-04", 5m, 900m),
        ], InMemoryFxSource.Empty, book, costed);

        Assert.That(costed[2].NetCostLocal, Is.EqualTo(-500m));
        Assert.That(book.GetOpenLots()[0].OpenQuantity, Is.EqualTo(5m));
    }

    [Test]
    public void NegativeFee_IsRefused()
    {
        var ex = Assert.Throws<DomainValidationException>(() =>
            CostEngine.Run(Usd(), Stock(), [Buy("B1", "2026-01-02", 1m, 10m, fee: -1m)], InMemoryFxSource.Empty));
        Assert.That(ex!.Field, Is.EqualTo("trade_fee"));
    }
}
