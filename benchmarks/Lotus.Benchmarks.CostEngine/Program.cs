using System.Diagnostics;
using System.Globalization;
using Lotus.Benchmarks.CostEngine;
using Lotus.Domain.Cost;
using Lotus.Domain.MarketData;
using Lotus.Domain.Pipeline;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;

// Cost engine throughput: FIFO and AVCO, 10k and 1M transactions, one key and 1,000 keys.
// Each figure is the best of several rounds (each at least 1M rows) over pre-sorted timelines, as wall
// time and as process CPU time (steadier on a shared machine); the scaling ratio is
// (time per transaction at 1M) / (time per transaction at 10k): 1.0 means linear.
var inv = CultureInfo.InvariantCulture;
var sizes = new[] { 10_000, 100_000, 1_000_000 };
var fx = new InMemoryFxSource(Workload.DailyRates(1_000_000 / (24 * 60) + 2));
var instrumentsCache = new Dictionary<string, Instrument>(StringComparer.Ordinal);

Console.WriteLine("workload: EUR trades in a USD portfolio, ~55% BUY / 35% SELL / 10% DIVIDEND, FX resolved per transaction");
Console.WriteLine(string.Create(inv, $"load average at start: {LoadAverage()}"));
Console.WriteLine(string.Create(inv, $"{"method",-6} {"keys",6} {"transactions",12} {"cost rows/s (wall)",19} {"cost rows/s (cpu)",18} {"alloc B/row",12} {"pipeline rows/s (wall)",23}"));

var perRow = new Dictionary<(CostBasisMethod, int, int), (double Wall, double Cpu)>();
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
            // Each round processes at least 1M rows so that CPU time (10 ms ticks) is meaningful.
            var reps = Math.Max(1, 1_000_000 / size);
            var costSeconds = Best(5, reps, () =>
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
            var pipelineSeconds = Best(3, reps, () =>
            {
                for (var k = 0; k < keyCount; k++)
                {
                    KeyCalculator.Run(portfolio, instruments[k], keys[k], fx, KeyCheckpoint.Empty(method));
                }
            });

            var total = (double)perKey * keyCount;
            perRow[(method, keyCount, size)] = (costSeconds.Wall / total, costSeconds.Cpu / total);
            Console.WriteLine(string.Create(inv, $"{method,-6} {keyCount,6} {total,12:N0} {total / costSeconds.Wall,19:N0} {total / Math.Max(costSeconds.Cpu, 1e-9),18:N0} {allocatedPerRow,12:F1} {total / pipelineSeconds.Wall,23:N0}"));
        }
    }
}

Console.WriteLine();
Console.WriteLine("scaling ratio (time per transaction at 1M / at 10k; 1.00 = linear):");
foreach (var method in new[] { CostBasisMethod.Fifo, CostBasisMethod.Avco })
{
    foreach (var keyCount in new[] { 1, 1_000 })
    {
        var large = perRow[(method, keyCount, 1_000_000)];
        var small = perRow[(method, keyCount, 10_000)];
        Console.WriteLine(string.Create(inv, $"  {method,-6} {keyCount,5} key(s): wall {large.Wall / small.Wall:F2}, cpu {large.Cpu / small.Cpu:F2}"));
    }
}

// Best wall time and best process CPU time over the rounds. On a shared machine the CPU time is the
// steadier figure: it leaves out the time this process waited for a core.
static (double Wall, double Cpu) Best(int rounds, int reps, Action action)
{
    action(); // warm-up (JIT tiers, caches)
    var process = Process.GetCurrentProcess();
    var bestWall = double.MaxValue;
    var bestCpu = double.MaxValue;
    for (var i = 0; i < rounds; i++)
    {
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var sw = Stopwatch.StartNew();
        for (var r = 0; r < reps; r++)
        {
            action();
        }

        var wall = sw.Elapsed.TotalSeconds / reps;
        process.Refresh();
        bestWall = Math.Min(bestWall, wall);
        bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpuBefore).TotalSeconds / reps);
    }

    return (bestWall, bestCpu);
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
