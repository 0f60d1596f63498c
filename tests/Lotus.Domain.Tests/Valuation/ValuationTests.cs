using Lotus.Domain.MarketData;
using Lotus.Domain.Positions;
using Lotus.Domain.Reference;
using Lotus.Domain.Valuation;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Valuation;

[TestFixture]
public sealed class ValuationTests
{
    private static readonly PositionState Held = new(10m, 1100m, 1000m);

    private static PositionValuation Value(Instrument instrument, string date, IPriceSource prices, IFxSource? fx = null, PositionState? position = null, ValuationOptions? options = null) =>
        PositionValuator.Value(Usd(), instrument, D(date), position ?? Held, prices, fx ?? InMemoryFxSource.Empty, options);

    [Test]
    public void PriceOnTheDate_IsCurrent_WithUnrealizedSplitIntoFxAndPrice()
    {
        var prices = new InMemoryPriceSource([Px("SEC_E", "2026-02-02", 120m, "EUR")]);
        var fx = new InMemoryFxSource([Fx("EUR", "USD", "2026-02-01", 1.2m)]);
        var v = Value(Stock("SEC_E", "EUR"), "2026-02-02", prices, fx);

        Assert.Multiple(() =>
        {
            Assert.That(v.Status, Is.EqualTo(ValuationStatus.ValuedCurrent));
            Assert.That(v.MarketValuePositionCurrency, Is.EqualTo(1200m));
            Assert.That(v.MarketValuePortfolioCurrency, Is.EqualTo(1440m));
            Assert.That(v.UnrealizedGainLossPositionCurrency, Is.EqualTo(200m));
            Assert.That(v.UnrealizedGainLossPortfolioCurrency, Is.EqualTo(340m));
            // FX part: 1000 EUR cost at 1.2 = 1200 vs 1100 booked; price part is the rest.
            Assert.That(v.UnrealizedFxGainLossPortfolioCurrency, Is.EqualTo(100m));
            Assert.That(v.UnrealizedPriceGainLossPortfolioCurrency, Is.EqualTo(240m));
        });
    }

    [Test]
    public void OlderPrice_IsStale()
    {
        var prices = new InMemoryPriceSource([Px("SEC_X", "2026-02-02", 120m)]);
        var v = Value(Stock(), "2026-02-05", prices);
        Assert.That(v.Status, Is.EqualTo(ValuationStatus.ValuedStale));
        Assert.That(v.PriceDate, Is.EqualTo(D("2026-02-02")));
        Assert.That(v.MarketValuePortfolioCurrency, Is.EqualTo(1200m));
    }

    [Test]
    public void NoPriceOnOrBefore_IsUnvalued_NotZero()
    {
        var prices = new InMemoryPriceSource([Px("SEC_X", "2026-02-02", 120m)]);
        var v = Value(Stock(), "2026-02-01", prices);
        Assert.That(v.Status, Is.EqualTo(ValuationStatus.Unvalued));
        Assert.That(v.MarketValuePositionCurrency, Is.Null);
        Assert.That(v.MarketValuePortfolioCurrency, Is.Null);
    }

    [Test]
    public void PriceOlderThanStalenessLimit_IsUnvalued()
    {
        var prices = new InMemoryPriceSource([Px("SEC_X", "2026-02-02", 120m)]);
        var options = new ValuationOptions { PriceStalenessDays = 3 };
        Assert.That(Value(Stock(), "2026-02-05", prices, options: options).Status, Is.EqualTo(ValuationStatus.ValuedStale));
        Assert.That(Value(Stock(), "2026-02-06", prices, options: options).Status, Is.EqualTo(ValuationStatus.Unvalued));
    }

    [Test]
    public void MissingCrossCurrencyFx_Fails()
    {
        var prices = new InMemoryPriceSource([Px("SEC_E", "2026-02-02", 120m, "EUR")]);
        var v = Value(Stock("SEC_E", "EUR"), "2026-02-02", prices);
        Assert.That(v.Status, Is.EqualTo(ValuationStatus.Failed));
        Assert.That(v.StatusReason, Does.Contain("EUR/USD"));
    }

    [Test]
    public void PriceInAnotherCurrency_Fails()
    {
        var prices = new InMemoryPriceSource([Px("SEC_X", "2026-02-02", 120m, "GBP")]);
        Assert.That(Value(Stock(), "2026-02-02", prices).Status, Is.EqualTo(ValuationStatus.Failed));
    }

    [Test]
    public void Bond_FailsWithoutQuoteConventions()
    {
        var prices = new InMemoryPriceSource([Px("BND", "2026-02-02", 99m)]);
        var v = Value(new Instrument("BND", "USD", "BOND", "FIXED_INCOME"), "2026-02-02", prices);
        Assert.That(v.Status, Is.EqualTo(ValuationStatus.Failed));
    }

    [Test]
    public void FlatPosition_IsValuedAtZeroWithoutAPrice()
    {
        var v = Value(Stock(), "2026-02-02", InMemoryPriceSource.Empty, position: default(PositionState));
        Assert.That(v.Status, Is.EqualTo(ValuationStatus.ValuedCurrent));
        Assert.That(v.MarketValuePortfolioCurrency, Is.EqualTo(0m));
    }

    [Test]
    public void OverdrawnCash_IsValuedNegative()
    {
        var prices = new InMemoryPriceSource([Px("CASH_USD", "2026-02-01", 1m)]);
        var v = Value(CashInstrument(), "2026-02-02", prices, position: new PositionState(-50m, -50m, -50m));
        Assert.That(v.MarketValuePositionCurrency, Is.EqualTo(-50m));
    }

    [Test]
    public void Series_UsesLatestHistoryRowOnOrBeforeEachDate_AndSkipsDatesBeforeTheFirst()
    {
        var history = new PositionHistoryRow[]
        {
            new("P1", "SEC_X", "B1", D("2026-02-02"), 10m, 100m, 100m),
            new("P1", "SEC_X", "B2", D("2026-02-04"), 15m, 160m, 160m),
        };
        var prices = new InMemoryPriceSource([Px("SEC_X", "2026-02-01", 11m)]);
        var dates = new[] { D("2026-02-01"), D("2026-02-02"), D("2026-02-03"), D("2026-02-04") };
        var series = PositionValuator.ValueSeries(Usd(), Stock(), history, dates, prices, InMemoryFxSource.Empty);
        Assert.That(series.Select(s => (s.ValuationDate, s.MarketValuePositionCurrency)), Is.EqualTo(new (DateOnly, decimal?)[]
        {
            (D("2026-02-02"), 110m),
            (D("2026-02-03"), 110m),
            (D("2026-02-04"), 165m),
        }));
    }

    [Test]
    public void Grid_UsesBusinessDatesPlusEventDates_OrEveryDayWithoutACalendar()
    {
        var business = new[] { D("2026-02-02"), D("2026-02-03"), D("2026-02-06"), D("2026-02-09") };
        var grid = ValuationGrid.Build(business, D("2026-02-03"), D("2026-02-08"), [D("2026-02-07")]);
        Assert.That(grid, Is.EqualTo(new[] { D("2026-02-03"), D("2026-02-06"), D("2026-02-07") }));
        Assert.That(ValuationGrid.Build([], D("2026-02-03"), D("2026-02-05"), []), Has.Length.EqualTo(3));
    }
    [Test]
    public void BackdatedPrice_RevaluingFromItsDate_EqualsAFullRevaluation()
    {
        var history = new PositionHistoryRow[] { new("P1", "SEC_X", "B1", D("2026-02-02"), 10m, 100m, 100m) };
        var dates = ValuationGrid.Build([], D("2026-02-02"), D("2026-02-10"), []);
        var original = new List<MarketPrice> { Px("SEC_X", "2026-02-02", 11m), Px("SEC_X", "2026-02-08", 13m) };
        var before = PositionValuator.ValueSeries(Usd(), Stock(), history, dates, new InMemoryPriceSource(original), InMemoryFxSource.Empty);
        var corrected = new InMemoryPriceSource([.. original, Px("SEC_X", "2026-02-05", 12m)]);

        var cut = Array.IndexOf(dates, D("2026-02-05"));
        var partial = PositionValuator.ValueSeries(Usd(), Stock(), history, dates.AsSpan(cut), corrected, InMemoryFxSource.Empty);
        var full = PositionValuator.ValueSeries(Usd(), Stock(), history, dates, corrected, InMemoryFxSource.Empty);

        Assert.That(before.Take(cut).Concat(partial), Is.EqualTo(full));
        Assert.That(full[cut].MarketValuePositionCurrency, Is.EqualTo(120m));
    }
}
