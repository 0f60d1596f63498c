using System.Diagnostics;
using System.Globalization;
using Lotus.Benchmarks.CostEngine;
using Lotus.Domain.Cost;
using Lotus.Domain.MarketData;
using Lotus.Domain.Pipeline;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;

// Cost engine throughput: FIFO and AVCO, 10k and 1M transactions, one key and 1,000 keys.
// Each figure is the best of several runs over pre-sorted timelines; the scaling ratio is
// (time per transaction at 1M) / (time per transaction at 10k): 1.0 means linear.
var inv = CultureInfo.InvariantCulture;
var sizes = new[] { 10_000, 100_000, 1_000_000 };
var fx = new InMemoryFxSource(Workload.DailyRates(1_000_000 / (24 * 60) + 2));
var instrumentsCache = new Dictionary<string, Instrument>(StringComparer.Ordinal);

Console.WriteLine("workload: EUR trades in a USD portfolio, ~55% BUY / 35% SELL / 10% DIVIDEND, FX resolved per transaction");
Console.WriteLine(string.Create(inv, $"{"method",-6} {"keys",6} {"transactions",12} {"cost engine rows/s",20} {"alloc B/row",12} {"pipeline rows/s",17}"));

var perRow = new Dictionary<(CostBasisMethod, int, int), double>();
foreach (var method in new[] { CostBasisMethod.Fifo, CostBasisMethod.Avco })
{
    var portfolio = new Portfolio("BENCH", "USD", method);
    foreach (var keyCount in new[] { 1, 1_000 })
    {
        foreach (var size in sizes)
        {
            var keys = new Transaction[keyCount][];
            var perKey = size / keyCount;
            for (var k = 0; k < keyCount; k++)
            {
                keys[k] = Workload.Key(string.Create(inv, $"SEC_{k:D4}"), perKey, 1_000 + k);
            }

            var instruments = new Instrument[keyCount];
            for (var k = 0; k < keyCount; k++)
            {
                var id = keys[k][0].SecurityId;
                if (!instrumentsCache.TryGetValue(id, out var instrument))
                {
                    instrument = new Instrument(id, "EUR");
                    instrumentsCache.Add(id, instrument);
                }

                instruments[k] = instrument;
            }

            var output = new CostedTransaction[perKey];
            var rounds = size >= 1_000_000 ? 3 : 30;
            var costSeconds = Best(rounds, () =>
            {
                for (var k = 0; k < keyCount; k++)
                {
                    CostEngine.Run(portfolio, instruments[k], keys[k], fx, CostBook.Create(method), output);
                }
            });
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            for (var k = 0; k < keyCount; k++)
            {
                CostEngine.Run(portfolio, instruments[k], keys[k], fx, CostBook.Create(method), output);
            }

            var allocatedPerRow = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)size;
            var pipelineSeconds = Best(size >= 1_000_000 ? 2 : 10, () =>
            {
                for (var k = 0; k < keyCount; k++)
                {
                    KeyCalculator.Run(portfolio, instruments[k], keys[k], fx, KeyCheckpoint.Empty(method));
                }
            });

            var total = (double)perKey * keyCount;
            perRow[(method, keyCount, size)] = costSeconds / total;
            Console.WriteLine(string.Create(inv, $"{method,-6} {keyCount,6} {total,12:N0} {total / costSeconds,20:N0} {allocatedPerRow,12:F1} {total / pipelineSeconds,17:N0}"));
        }
    }
}

Console.WriteLine();
Console.WriteLine("scaling ratio (time per transaction at 1M / at 10k; 1.00 = linear):");
foreach (var method in new[] { CostBasisMethod.Fifo, CostBasisMethod.Avco })
{
    foreach (var keyCount in new[] { 1, 1_000 })
    {
        var ratio = perRow[(method, keyCount, 1_000_000)] / perRow[(method, keyCount, 10_000)];
        Console.WriteLine(string.Create(inv, $"  {method,-6} {keyCount,5} key(s): {ratio:F2}"));
    }
}

static double Best(int rounds, Action action)
{
    action(); // warm-up (JIT tiers, caches)
    var best = double.MaxValue;
    for (var i = 0; i < rounds; i++)
    {
        var sw = Stopwatch.StartNew();
        action();
        best = Math.Min(best, sw.Elapsed.TotalSeconds);
    }

    return best;
}
