using Lotus.Domain.MarketData;
using Lotus.Domain.Pipeline;
using Lotus.Domain.Timeseries;
using Lotus.Domain.Valuation;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Timeseries;

[TestFixture]
public sealed class PortfolioTimeseriesTests
{
    private static PositionTimeseriesRow Row(string security, string date, decimal bod, decimal eod, decimal bodPortfolioFlow = 0m, decimal fees = 0m) =>
        new("P1", security, D(date), bod, eod, 0m, 0m, bodPortfolioFlow, 0m, fees, 1m, 1m, []);

    [Test]
    public void Bod_UsesTodaysFx_SoItDiffersFromYesterdaysEodWhenFxMoves()
    {
        // Semantics 6.3 e2e: 5200 EUR -> EOD 5720 at 1.1, next BOD 6240 at 1.2.
        var key = KeyCalculator.Recompute(Usd(), Stock("SEC_E", "EUR"), [Buy("B1", "2026-03-02", 52m, 5200m, security: "SEC_E", currency: "EUR")],
            new InMemoryFxSource([Fx("EUR", "USD", "2026-03-01", 1.1m)]));
        var fx = new InMemoryFxSource([Fx("EUR", "USD", "2026-03-02", 1.1m), Fx("EUR", "USD", "2026-03-03", 1.2m)]);
        var prices = new InMemoryPriceSource([Px("SEC_E", "2026-03-02", 100m, "EUR")]);
        var dates = new[] { D("2026-03-02"), D("2026-03-03") };
        var snapshots = PositionValuator.ValueSeries(Usd(), Stock("SEC_E", "EUR"), key.History, dates, prices, fx);
        var position = PositionTimeseriesBuilder.Build(snapshots, key.Cashflows);
        var series = new PositionSeries("SEC_E", "EUR", position.Rows, position.Gaps);
        var (rows, gaps) = PortfolioTimeseriesBuilder.Build(Usd(), [series], dates, fx);

        Assert.That(gaps, Is.Empty);
        Assert.That(rows.Select(r => (r.BeginningMarketValue, r.EndingMarketValue)), Is.EqualTo(new[] { (0m, 5720m), (6240m, 6240m) }));
        // The buy is an internal trade flow: it never reaches the portfolio flows.
        Assert.That(rows[0].BodCashFlow, Is.EqualTo(0m));
    }

    [Test]
    public void SecurityWithoutARowThatDay_IsCarriedForwardAsValueOnly()
    {
        var a = new PositionSeries("SEC_A", "USD", [Row("SEC_A", "2026-03-02", 0m, 100m), Row("SEC_A", "2026-03-03", 100m, 110m)], []);
        var b = new PositionSeries("CASH_USD", "USD", [Row("CASH_USD", "2026-03-02", 0m, 500m, bodPortfolioFlow: 500m, fees: 3m)], []);
        var (rows, _) = PortfolioTimeseriesBuilder.Build(Usd(), [a, b], PortfolioTimeseriesBuilder.DatesOf([a, b]), InMemoryFxSource.Empty);

        Assert.That(rows.Select(r => (r.BeginningMarketValue, r.EndingMarketValue, r.BodCashFlow, r.Fees)), Is.EqualTo(new[]
        {
            (0m, 600m, 500m, 3m),
            (600m, 610m, 0m, 0m),
        }));
    }

    [Test]
    public void UnvaluedPosition_MakesThePortfolioDayAGap_NotAZero()
    {
        var a = new PositionSeries("SEC_A", "USD", [Row("SEC_A", "2026-03-02", 0m, 100m)], [new TimeseriesGap(D("2026-03-03"), "SEC_A", "position is UNVALUED")]);
        var b = new PositionSeries("SEC_B", "USD", [Row("SEC_B", "2026-03-02", 0m, 50m), Row("SEC_B", "2026-03-03", 50m, 55m)], []);
        var (rows, gaps) = PortfolioTimeseriesBuilder.Build(Usd(), [a, b], PortfolioTimeseriesBuilder.DatesOf([a, b]), InMemoryFxSource.Empty);

        Assert.That(rows.Select(r => r.ValuationDate), Is.EqualTo(new[] { D("2026-03-02") }));
        Assert.That(gaps.Single().SecurityId, Is.EqualTo("SEC_A"));
    }

    [Test]
    public void MissingFx_MakesThePortfolioDayAGap()
    {
        var a = new PositionSeries("SEC_E", "EUR", [Row("SEC_E", "2026-03-02", 0m, 100m)], []);
        var (rows, gaps) = PortfolioTimeseriesBuilder.Build(Usd(), [a], [D("2026-03-02")], InMemoryFxSource.Empty);
        Assert.That(rows, Is.Empty);
        Assert.That(gaps.Single().Reason, Does.Contain("EUR/USD"));
    }
}
