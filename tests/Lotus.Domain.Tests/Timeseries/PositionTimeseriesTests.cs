using Lotus.Domain.Cashflows;
using Lotus.Domain.MarketData;
using Lotus.Domain.Pipeline;
using Lotus.Domain.Timeseries;
using Lotus.Domain.Valuation;
using Lotus.Domain.Values;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Timeseries;

[TestFixture]
public sealed class PositionTimeseriesTests
{
    [Test]
    public void BuyDay_BodFlowIsTheBuy_NextDays_CarryEodForward()
    {
        var key = KeyCalculator.Recompute(Usd(), Stock(),
        [
            Buy("B1", "2026-03-02", 10m, 1000m, fee: 5m),
            Sell("S1", "2026-03-04", 4m, 480m, fee: 2m),
            Dividend("DV", "2026-03-04", 30m),
        ], InMemoryFxSource.Empty);
        var prices = new InMemoryPriceSource([Px("SEC_X", "2026-03-02", 100m), Px("SEC_X", "2026-03-04", 120m)]);
        var dates = ValuationGrid.Build([], D("2026-03-02"), D("2026-03-05"), []);
        var snapshots = PositionValuator.ValueSeries(Usd(), Stock(), key.History, dates, prices, InMemoryFxSource.Empty);
        var (rows, gaps) = PositionTimeseriesBuilder.Build(snapshots, key.Cashflows);

        Assert.That(gaps, Is.Empty);
        Assert.That(rows.Select(r => (r.ValuationDate, r.BeginningMarketValue, r.EndingMarketValue, r.BodCashFlowPosition, r.EodCashFlowPosition)), Is.EqualTo(new[]
        {
            (D("2026-03-02"), 0m, 1000m, 1005m, 0m),
            (D("2026-03-03"), 1000m, 1000m, 0m, 0m),
            // Sell proceeds (+478 INVESTMENT_INFLOW) and dividend (+30 INCOME) leave the position at EOD: -508.
            (D("2026-03-04"), 1000m, 720m, 0m, -508m),
            (D("2026-03-05"), 720m, 720m, 0m, 0m),
        }));
        Assert.That(rows[0].Cost, Is.EqualTo(100.5m));
        Assert.That(rows.All(r => r.BodCashFlowPortfolio == 0m && r.EodCashFlowPortfolio == 0m), Is.True);
    }

    [Test]
    public void CashBook_DepositIsBodPortfolioFlow_FeeAndTaxCountAsFees()
    {
        var key = KeyCalculator.Recompute(Usd(), CashInstrument(),
        [
            Cash("DEP", TransactionType.Deposit, "2026-03-02", 1000m),
            Cash("FEE", TransactionType.Fee, "2026-03-02", 10m),
            Cash("TAX", TransactionType.Tax, "2026-03-02", 4m),
        ], InMemoryFxSource.Empty);
        var prices = new InMemoryPriceSource([Px("CASH_USD", "2026-01-01", 1m)]);
        var snapshots = PositionValuator.ValueSeries(Usd(), CashInstrument(), key.History, [D("2026-03-02")], prices, InMemoryFxSource.Empty);
        var row = PositionTimeseriesBuilder.Build(snapshots, key.Cashflows).Rows.Single();

        Assert.Multiple(() =>
        {
            Assert.That(row.EndingMarketValue, Is.EqualTo(986m));
            Assert.That(row.BodCashFlowPortfolio, Is.EqualTo(1000m));
            Assert.That(row.EodCashFlowPortfolio, Is.EqualTo(-14m));
            Assert.That(row.BodCashFlowPosition, Is.EqualTo(1000m));
            Assert.That(row.EodCashFlowPosition, Is.EqualTo(-14m));
            Assert.That(row.Fees, Is.EqualTo(14m));
        });
    }

    [Test]
    public void UnvaluedDay_IsAGap_AndBlocksTheNextDaysBod()
    {
        var key = KeyCalculator.Recompute(Usd(), Stock(), [Buy("B1", "2026-03-02", 10m, 1000m)], InMemoryFxSource.Empty);
        var prices = new InMemoryPriceSource([Px("SEC_X", "2026-03-03", 100m)]);
        var dates = ValuationGrid.Build([], D("2026-03-02"), D("2026-03-04"), []);
        var snapshots = PositionValuator.ValueSeries(Usd(), Stock(), key.History, dates, prices, InMemoryFxSource.Empty);
        var (rows, gaps) = PositionTimeseriesBuilder.Build(snapshots, key.Cashflows);

        Assert.That(gaps.Select(g => g.ValuationDate), Is.EqualTo(new[] { D("2026-03-02"), D("2026-03-03") }));
        Assert.That(rows.Select(r => r.ValuationDate), Is.EqualTo(new[] { D("2026-03-04") }));
    }

    [Test]
    public void BuildFromADate_WithThePreviousSnapshot_EqualsTheFullBuild()
    {
        var key = KeyCalculator.Recompute(Usd(), Stock(),
        [
            Buy("B1", "2026-03-02", 10m, 1000m),
            Sell("S1", "2026-03-04", 4m, 480m),
        ], InMemoryFxSource.Empty);
        var prices = new InMemoryPriceSource([Px("SEC_X", "2026-03-02", 100m), Px("SEC_X", "2026-03-04", 120m)]);
        var dates = ValuationGrid.Build([], D("2026-03-02"), D("2026-03-06"), []);
        var snapshots = PositionValuator.ValueSeries(Usd(), Stock(), key.History, dates, prices, InMemoryFxSource.Empty);
        var full = PositionTimeseriesBuilder.Build(snapshots, key.Cashflows).Rows;
        var tail = PositionTimeseriesBuilder.Build(snapshots.AsSpan(2), key.Cashflows, snapshots[1]).Rows;

        Assert.That(tail, Is.EqualTo(full.Skip(2)).Using<PositionTimeseriesRow>(SameRow));
    }

    internal static bool SameRow(PositionTimeseriesRow a, PositionTimeseriesRow b) =>
        (a with { CashFlows = [] }) == (b with { CashFlows = [] }) && a.CashFlows.SequenceEqual(b.CashFlows);
}
