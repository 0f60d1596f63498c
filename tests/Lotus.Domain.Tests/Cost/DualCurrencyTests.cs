using Lotus.Domain.Cost;
using Lotus.Domain.MarketData;
using Lotus.Domain.Values;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Cost;

[TestFixture]
public sealed class DualCurrencyTests
{
    private static readonly InMemoryFxSource Rates = new(
    [
        Fx("EUR", "USD", "2026-01-01", 1.10m),
        Fx("EUR", "USD", "2026-02-01", 1.20m),
    ]);

    [Test]
    public void Sell_RealizedBase_UsesSellDateFxForProceeds_AndLotFxForCost()
    {
        var result = CostEngine.Run(Usd(), Stock(currency: "EUR"),
        [
            Buy("B1", "2026-01-15", 100m, 1000m, fee: 10m, currency: "EUR"),
            Sell("S1", "2026-02-15", 50m, 600m, fee: 5m, currency: "EUR"),
        ], Rates);

        Assert.Multiple(() =>
        {
            Assert.That(result[0].TransactionFxRate, Is.EqualTo(1.10m));
            Assert.That(result[0].NetCostLocal, Is.EqualTo(1010m));
            Assert.That(result[0].NetCost, Is.EqualTo(1111m));
            Assert.That(result[1].TransactionFxRate, Is.EqualTo(1.20m));
            Assert.That(result[1].NetCostLocal, Is.EqualTo(-505m));
            Assert.That(result[1].NetCost, Is.EqualTo(-555.5m));
            Assert.That(result[1].RealizedGainLossLocal, Is.EqualTo(595m - 505m));
            // Proceeds 595 EUR at 1.20 = 714 USD; cost 505 EUR at the lot's 1.10 = 555.5 USD.
            Assert.That(result[1].RealizedGainLoss, Is.EqualTo(714m - 555.5m));
        });
    }

    [Test]
    public void SuppliedTransactionFxRate_IsOverriddenByTheFxTable()
    {
        var buy = Buy("B1", "2026-01-15", 1m, 100m, currency: "EUR") with { TransactionFxRate = 9.99m };
        var result = CostEngine.Run(Usd(), Stock(currency: "EUR"), [buy], Rates);
        Assert.That(result[0].NetCost, Is.EqualTo(110m));
    }

    [Test]
    public void SameCurrency_RateIsOne_EvenWhenAnotherIsSupplied()
    {
        var buy = Buy("B1", "2026-01-15", 1m, 100m) with { TransactionFxRate = 1.5m };
        var result = CostEngine.Run(Usd(), Stock(), [buy], Rates);
        Assert.That(result[0].NetCost, Is.EqualTo(100m));
        Assert.That(result[0].TransactionFxRate, Is.EqualTo(1m));
    }

    [Test]
    public void NoRateOnOrBeforeTradeDate_FailsAsMissingMarketData()
    {
        var ex = Assert.Throws<MissingMarketDataException>(() =>
            CostEngine.Run(Usd(), Stock(currency: "EUR"), [Buy("B1", "2025-12-31", 1m, 100m, currency: "EUR")], Rates));
        Assert.That(ex!.Field, Is.EqualTo("trade_currency"));
        Assert.That(ex.Message, Does.Contain("EUR/USD"));
    }

    [Test]
    public void InverseRate_IsNeverUsed()
    {
        var inverseOnly = new InMemoryFxSource([Fx("USD", "EUR", "2026-01-01", 0.9m)]);
        Assert.Throws<MissingMarketDataException>(() =>
            CostEngine.Run(Usd(), Stock(currency: "EUR"), [Buy("B1", "2026-01-15", 1m, 100m, currency: "EUR")], inverseOnly));
    }
}
