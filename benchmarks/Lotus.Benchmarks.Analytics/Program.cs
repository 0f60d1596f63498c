using System.Diagnostics;
using System.Globalization;
using Lotus.Benchmarks.Analytics;
using Lotus.Core.V1;
using Lotus.Host.Services.Analytics;
using Lotus.Storage;
using Lotus.Storage.Analytics;
using Lotus.Storage.Embedded;
using Npgsql;
using AnalyticsInputService = Lotus.Host.Services.Analytics.AnalyticsInputService;

// Usage: lotus-bench-analytics [rows=1000000]. Uses LOTUS_TEST_PG (superuser connection string) or an
// embedded cluster in a temporary directory. The service is called in process (no transport): the
// numbers are the server's read-and-build cost; the wire adds serialization (measured: each message is
// serialized to bytes as a transport would).
var rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_000_000;
var root = Path.Combine(Path.GetTempPath(), "lotus-bench-analytics-" + Guid.NewGuid().ToString("N")[..8]);
EmbeddedPostgres? embedded = null;
var server = Environment.GetEnvironmentVariable("LOTUS_TEST_PG");
if (string.IsNullOrEmpty(server))
{
    Directory.CreateDirectory(root);
    embedded = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions { DataDirectory = Path.Combine(root, "data"), Port = 55000 + Random.Shared.Next(1000), Durable = false });
    server = embedded.ConnectionString;
}

var database = "lotus_bench_" + Guid.NewGuid().ToString("N")[..8];
await PostgresAdmin.CreateDatabaseAsync(server, database);
try
{
    await using var dataSource = NpgsqlDataSource.Create(PostgresAdmin.WithDatabase(server, database));
    await MigrationRunner.ApplyAsync(dataSource, MigrationSet.Embedded);
    var (securities, days) = await Seed.PositionsAsync(dataSource, rows);
    Console.WriteLine($"seeded {rows:N0} position rows ({securities} securities x {days} days)");

    var options = AnalyticsOptions.WithRandomKey();
    var service = new AnalyticsInputService(new PostgresAnalyticsStore(dataSource), new ExportJobStore(dataSource), options, TimeProvider.System);
    var end = Seed.Start.AddDays(days - 1);

    // 1. Raw binary read of the same rows (the ceiling), then the stream rpc, each twice (warm-up first).
    for (var round = 0; round < 2; round++)
    {
        var raw = await Measure.RawReadAsync(dataSource, end);
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var writer = new CountingWriter();
        var request = new StreamPositionTimeseriesRequest
        {
            PortfolioId = Seed.Portfolio,
            AsOfDate = Seed.Date(end),
            Window = new DateWindow { StartDate = Seed.Date(Seed.Start), EndDate = Seed.Date(end) },
            Page = new PageRequest { PageSize = 5000 },
            IncludeCashFlows = false,
        };
        var watch = Stopwatch.StartNew();
        await service.StreamPositionTimeseries(request, writer, new BenchCallContext());
        watch.Stop();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var rate = writer.Rows / watch.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"round {round + 1}: raw binary read {raw.Rows:N0} rows {raw.RowsPerSecond:N0} rows/s | stream rpc {writer.Rows:N0} rows in {writer.Messages} pages, {writer.Bytes / 1048576.0:N1} MiB, {rate:N0} rows/s | ratio {rate / raw.RowsPerSecond:P0} | managed heap before {before / 1048576.0:N1} MiB after {after / 1048576.0:N1} MiB, peak page {writer.LargestMessage / 1048576.0:N2} MiB"));
    }

    // 2. 90-day, 500-row portfolio pages at 16 concurrent clients.
    var latencies = await Measure.PortfolioPagesAsync(service, Seed.Start, end, clients: 16, requestsPerClient: 100);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"portfolio pages (90 days, page 500, 16 clients, {latencies.Count} calls): p50 {Measure.Percentile(latencies, 0.50):N2} ms, p95 {Measure.Percentile(latencies, 0.95):N2} ms, p99 {Measure.Percentile(latencies, 0.99):N2} ms (original's budget p95 420 ms; target < 10 ms)"));
}
finally
{
    await PostgresAdmin.DropDatabaseAsync(server, database);
    if (embedded is not null)
    {
        await embedded.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }
}
