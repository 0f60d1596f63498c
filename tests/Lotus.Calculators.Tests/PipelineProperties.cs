// FsCheck supplies the arguments of [Property] methods; the NUnit analyzer cannot see that.
#pragma warning disable NUnit1027

using System.Globalization;
using Lotus.Calculators.Tests.Support;
using Lotus.Core.V1;

namespace Lotus.Calculators.Tests;

/// <summary>
/// Through the real pipeline: random valid record sets ingested in random order and random requests,
/// with duplicates and worker restarts between requests, end in exactly the state of a from-scratch run
/// of the same records ingested at once (incremental reprocessing == full recomputation).
/// </summary>
[TestFixture]
public sealed class PipelineProperties
{
    private Pipeline _p = null!;
    private int _run;

    [OneTimeSetUp]
    public async Task SetUpAsync()
    {
        _p = await Pipeline.CreateAsync();
        await _p.BusinessDates(RandomScenario.Calendar[0]);
    }

    [OneTimeTearDown]
    public async Task TearDownAsync() => await _p.DisposeAsync();

    [FsCheck.NUnit.Property(MaxTest = 8)]
    public void RandomOrderDuplicatesAndRestarts_EqualTheSortedFromScratchRun(int seed)
        => RunAsync(seed).GetAwaiter().GetResult();

    private async Task RunAsync(int seed)
    {
        var run = Interlocked.Increment(ref _run);
        var prefix = "R" + run.ToString("D3", CultureInfo.InvariantCulture);
        var scenario = RandomScenario.Create(seed, prefix);
        var incremental = prefix + "A";
        var scratch = prefix + "B";
        var random = new Random(seed ^ 0x2545F491);
        await _p.Instruments([.. scenario.Instruments]);

        // Every record of the incremental portfolio, shuffled, sent in random requests with duplicates.
        var items = new List<Action<IngestPortfolioBundleRequest>>
        {
            r => r.Portfolios.Add(Records.Portfolio(incremental, "USD", scenario.Method)),
        };
        items.AddRange(RandomScenario.Calendar.Select(d => (Action<IngestPortfolioBundleRequest>)(r => r.BusinessDates.Add(new BusinessDate { BusinessDate_ = d }))));
        items.AddRange(scenario.Prices.Select(p => (Action<IngestPortfolioBundleRequest>)(r => r.MarketPrices.Add(p))));
        items.AddRange(scenario.FxRates.Select(f => (Action<IngestPortfolioBundleRequest>)(r => r.FxRates.Add(f))));
        items.AddRange(scenario.Transactions.Select(t => (Action<IngestPortfolioBundleRequest>)(r => r.Transactions.Add(t(incremental)))));
        var order = items.OrderBy(_ => random.Next()).ToList();
        var sent = new List<Action<IngestPortfolioBundleRequest>>();
        var i = 0;
        while (i < order.Count)
        {
            var request = new IngestPortfolioBundleRequest();
            var size = 1 + random.Next(6);
            for (var k = 0; k < size && i < order.Count; k++, i++)
            {
                order[i](request);
                sent.Add(order[i]);
            }

            if (random.Next(4) == 0 && sent.Count > size)
            {
                // A duplicate of an earlier record (never one of this request: a request refuses in-request duplicates).
                var again = new IngestPortfolioBundleRequest();
                sent[random.Next(sent.Count - size)](again);
                await _p.Ingestion.IngestPortfolioBundle(again, new CallContext());
            }

            await _p.Ingestion.IngestPortfolioBundle(request, new CallContext());
            switch (random.Next(5))
            {
                case 0:
                case 1:
                    await _p.DrainAsync();
                    break;
                case 2:
                    await _p.Worker.LeaveAsync();
                    _p.NewWorker();
                    break;
            }
        }

        await _p.DrainAsync();

        var all = new IngestPortfolioBundleRequest();
        all.Portfolios.Add(Records.Portfolio(scratch, "USD", scenario.Method));
        all.Transactions.AddRange(scenario.Transactions.Select(t => t(scratch)));
        await _p.Ingestion.IngestPortfolioBundle(all, new CallContext());
        await _p.DrainAsync();

        var expected = await StateSnapshot.ReadAsync(_p, scratch);
        var actual = await StateSnapshot.ReadAsync(_p, incremental);
        Assert.That(expected.PositionDays, Is.Not.Empty, "the scenario values something");
        actual.AssertEqual(expected, $"seed {seed}");
        AssertPortfolioIsSumOfPositions(expected);
    }

    /// <summary>Portfolio EOD = sum of the positions' base market values on dates where every position has a valued row.</summary>
    private static void AssertPortfolioIsSumOfPositions(StateSnapshot s)
    {
        var byDate = s.PositionDays.GroupBy(d => d.ValuationDate).ToDictionary(g => g.Key, g => g.ToList());
        var keys = s.PositionDays.Select(d => d.SecurityId).Distinct(StringComparer.Ordinal).Count();
        var checkedDays = 0;
        foreach (var day in s.PortfolioDays.Where(d => d.GapReason is null))
        {
            if (!byDate.TryGetValue(day.ValuationDate, out var rows) || rows.Count != keys || rows.Any(r => r.MarketValue is null))
            {
                continue;
            }

            var sum = rows.Sum(r => r.MarketValue!.Value);
            Assert.That(day.EodMarketValue!.Value, Is.EqualTo(sum).Within(1e-9m * keys), $"portfolio EOD on {day.ValuationDate}");
            checkedDays++;
        }

        Assert.That(checkedDays, Is.GreaterThanOrEqualTo(0));
    }
}
