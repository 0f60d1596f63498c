// FsCheck supplies the arguments of [Property] methods; the NUnit analyzer cannot see that.
#pragma warning disable NUnit1027

using Lotus.Domain.MarketData;
using Lotus.Domain.Pipeline;
using Lotus.Domain.Reference;
using Lotus.Domain.Timeseries;
using Lotus.Domain.Valuation;
using Lotus.Domain.Values;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Properties;

[TestFixture]
public sealed class PortfolioProperties
{
    [FsCheck.NUnit.Property(MaxTest = 30)]
    public void PortfolioValue_IsTheSumOfItsPositionsConverted(int seed, bool avco)
    {
        var portfolio = Usd(avco ? CostBasisMethod.Avco : CostBasisMethod.Fifo);
        var instruments = new Dictionary<string, Instrument>(StringComparer.Ordinal)
        {
            ["SEC_A"] = Stock("SEC_A", "USD"),
            ["SEC_B"] = Stock("SEC_B", "EUR"),
        };
        var transactions = ScenarioGenerator.Security(seed, "SEC_A", "USD", 30)
            .Concat(ScenarioGenerator.Security(seed + 1, "SEC_B", "EUR", 30))
            .ToList();
        var lastDate = transactions.Max(t => t.SettlementOrTradeDate).AddDays(3);
        var days = lastDate.DayNumber - ScenarioGenerator.Start.DayNumber + 1;
        var fx = new InMemoryFxSource(ScenarioGenerator.Rates(seed, "EUR", "USD", days));
        var random = new Random(seed);
        var prices = new List<MarketPrice>();
        for (var d = 0; d < days; d++)
        {
            prices.Add(new MarketPrice("SEC_A", ScenarioGenerator.Start.AddDays(d), random.Next(100, 50_000) / 100m, "USD"));
            prices.Add(new MarketPrice("SEC_B", ScenarioGenerator.Start.AddDays(d), random.Next(100, 50_000) / 100m, "EUR"));
        }

        var priceSource = new InMemoryPriceSource(prices);
        var keys = PortfolioCalculator.Recompute(portfolio, instruments, transactions, fx);
        var series = new List<PositionSeries>();
        var snapshotsByDate = new Dictionary<DateOnly, decimal>();
        foreach (var (securityId, key) in keys)
        {
            var instrument = instruments[securityId];
            var grid = ValuationGrid.Build([], key.History[0].PositionDate, lastDate, key.Cashflows.Select(c => c.CashflowDate));
            var snapshots = PositionValuator.ValueSeries(portfolio, instrument, key.History, grid, priceSource, fx);
            foreach (var s in snapshots)
            {
                snapshotsByDate[s.ValuationDate] = snapshotsByDate.GetValueOrDefault(s.ValuationDate) + s.MarketValuePortfolioCurrency!.Value;
            }

            var (rows, gaps) = PositionTimeseriesBuilder.Build(snapshots, key.Cashflows);
            series.Add(new PositionSeries(securityId, instrument.Currency, rows, gaps));
        }

        var (portfolioRows, portfolioGaps) = PortfolioTimeseriesBuilder.Build(portfolio, series, PortfolioTimeseriesBuilder.DatesOf(series), fx);

        Assert.That(portfolioGaps, Is.Empty);
        Assert.That(portfolioRows, Is.Not.Empty);
        foreach (var row in portfolioRows)
        {
            Assert.That(row.EndingMarketValue, Is.EqualTo(snapshotsByDate[row.ValuationDate]), $"on {row.ValuationDate}");
        }
    }
}
