using Lotus.Domain.Cost;
using Lotus.Domain.MarketData;
using Lotus.Domain.Values;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Cost;

[TestFixture]
public sealed class FifoCostTests
{
    [Test]
    public void LotOfThreeForHundred_SellOne_ResidueStaysWithOpenLot()
    {
        // Semantics 2.4 worked example: consumed = open before - open after, each at 10 dp.
        var book = CostBook.Create(CostBasisMethod.Fifo);
        var costed = new CostedTransaction[2];
        CostEngine.Run(Usd(), Stock(), [Buy("B1", "2026-01-02", 3m, 100m), Sell("S1", "2026-01-03", 1m, 40m)], InMemoryFxSource.Empty, book, costed);

        Assert.Multiple(() =>
        {
            Assert.That(costed[1].NetCostLocal, Is.EqualTo(-33.3333333333m));
            Assert.That(costed[1].NetCost, Is.EqualTo(-33.3333333333m));
            Assert.That(costed[1].RealizedGainLossLocal, Is.EqualTo(6.6666666667m));
            Assert.That(book.OpenCostLocal, Is.EqualTo(66.6666666667m));
            Assert.That(book.GetOpenLots()[0].OpenQuantity, Is.EqualTo(2m));
        });
    }

    [Test]
    public void SellAcrossThreeLots_ConsumesOldestFirst()
    {
        var result = CostEngine.Run(Usd(), Stock(),
        [
            Buy("B1", "2026-01-02", 10m, 100m),
            Buy("B2", "2026-01-03", 10m, 120m),
            Buy("B3", "2026-01-04", 10m, 150m),
            Sell("S1", "2026-01-05", 25m, 400m),
        ], InMemoryFxSource.Empty);

        // 10 x 10 + 10 x 12 + 5 x 15 = 295.
        Assert.That(result[3].NetCostLocal, Is.EqualTo(-295m));
        Assert.That(result[3].RealizedGainLossLocal, Is.EqualTo(105m));
    }

    [Test]
    public void BuyFees_AreCapitalised_SellFees_ReduceProceeds()
    {
        var result = CostEngine.Run(Usd(), Stock(),
        [
            Buy("B1", "2026-01-02", 100m, 1500m, fee: 15.5m),
            Sell("S1", "2026-01-05", 100m, 2000m, fee: 20m),
        ], InMemoryFxSource.Empty);

        Assert.Multiple(() =>
        {
            Assert.That(result[0].NetCostLocal, Is.EqualTo(1515.5m));
            Assert.That(result[0].GrossCost, Is.EqualTo(1500m));
            Assert.That(result[0].RealizedGainLoss, Is.EqualTo(0m));
            Assert.That(result[1].NetCostLocal, Is.EqualTo(-1515.5m));
            Assert.That(result[1].RealizedGainLossLocal, Is.EqualTo(1980m - 1515.5m));
        });
    }

    [Test]
    public void FeeComponents_OverrideTradeFee()
    {
        var buy = Buy("B1", "2026-01-02", 10m, 1000m, fee: 99m) with
        {
            FeeComponents = new Lotus.Domain.Reference.FeeComponents(Brokerage: 5m, StampDuty: 1.5m),
        };
        var result = CostEngine.Run(Usd(), Stock(), [buy], InMemoryFxSource.Empty);
        Assert.That(result[0].NetCostLocal, Is.EqualTo(1006.5m));
    }

    [Test]
    public void SellMoreThanAvailable_IsRefusedOnQuantity()
    {
        var ex = Assert.Throws<DomainValidationException>(() => CostEngine.Run(Usd(), Stock(),
        [
            Buy("B1", "2026-01-02", 100m, 1000m),
            Sell("S1", "2026-01-05", 150m, 2000m),
        ], InMemoryFxSource.Empty));

        Assert.That(ex!.Field, Is.EqualTo("quantity"));
        Assert.That(ex.Message, Is.EqualTo("SELL quantity 150 exceeds available 100 for SEC_X"));
    }

    [Test]
    public void SameTimestamp_LargerQuantityFirst()
    {
        // A sell of 5 and a buy of 10 at the same instant: the buy (larger) is applied first, so it succeeds.
        var result = CostEngine.Run(Usd(), Stock(),
        [
            Sell("S1", "2026-01-02", 5m, 60m),
            Buy("B1", "2026-01-02", 10m, 100m),
        ], InMemoryFxSource.Empty);

        Assert.That(result.Select(c => c.Transaction.TransactionId), Is.EqualTo(new[] { "B1", "S1" }));
        Assert.That(result[1].NetCostLocal, Is.EqualTo(-50m));
    }

    [Test]
    public void PrecisionExample_QuantisedOnceAtTenPlaces()
    {
        // Semantics 2.6: BUY 1.0000000001 EUR at fx 1.0000000001 -> net_cost 1.0000000002.
        var fx = new InMemoryFxSource([Fx("EUR", "USD", "2026-01-01", 1.0000000001m)]);
        var result = CostEngine.Run(Usd(), Stock(currency: "EUR"), [Buy("B1", "2026-01-02", 1m, 1.0000000001m, currency: "EUR")], fx);
        Assert.That(result[0].NetCost, Is.EqualTo(1.0000000002m));
    }

    [Test]
    public void DuplicateTransactionId_IsRefused()
    {
        var ex = Assert.Throws<DomainValidationException>(() => CostEngine.Run(Usd(), Stock(),
        [
            Buy("B1", "2026-01-02", 1m, 10m),
            Buy("B1", "2026-01-03", 1m, 10m),
        ], InMemoryFxSource.Empty));
        Assert.That(ex!.Field, Is.EqualTo("transaction_id"));
    }
}
