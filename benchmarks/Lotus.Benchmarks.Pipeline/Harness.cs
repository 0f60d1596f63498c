using System.Diagnostics;
using System.Globalization;
using Lotus.Calculators;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Calculated;
using Lotus.Host.Services.Ingestion;
using Lotus.Messaging.Postgres;
using Lotus.TestSupport;
using Npgsql;

namespace Lotus.Benchmarks.Pipeline;

/// <summary>A migrated database, the ingestion service with the calculators' sink, and a worker.</summary>
internal sealed class Harness : IAsyncDisposable
{
    public static readonly string[] OutputTables =
        ["calc_transaction_costs", "calc_position_history", "calc_cashflows", "calc_position_timeseries", "calc_portfolio_timeseries"];

    private Harness(TestDatabase db)
    {
        Db = db;
        Transport = new PostgresEventTransport(db.DataSource);
        Ingestion = new IngestionService(db.DataSource, new CalculatorEventSink(Transport), new CalculatorProgressSource(db.DataSource));
        Worker = new CalculatorWorker(Transport, new CalculatorOptions { Consumers = 2 });
    }

    public TestDatabase Db { get; }

    public PostgresEventTransport Transport { get; }

    public IngestionService Ingestion { get; }

    public CalculatorWorker Worker { get; }

    public static async Task<Harness> CreateAsync() => new(await TestDatabase.CreateAsync(migrate: true));

    public static string D(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var sw = Stopwatch.StartNew();
        await action();
        return sw.Elapsed;
    }

    public async Task IngestTransactionsAsync(IReadOnlyList<Transaction> transactions, int chunk)
    {
        for (var i = 0; i < transactions.Count; i += chunk)
        {
            var r = new IngestTransactionsRequest();
            r.Transactions.AddRange(transactions.Skip(i).Take(chunk));
            await Ingestion.IngestTransactions(r, new Context());
        }
    }

    public async Task IngestPricesAsync(IReadOnlyList<MarketPrice> prices, int chunk)
    {
        for (var i = 0; i < prices.Count; i += chunk)
        {
            var r = new IngestMarketPricesRequest();
            r.MarketPrices.AddRange(prices.Skip(i).Take(chunk));
            await Ingestion.IngestMarketPrices(r, new Context());
        }
    }

    public async Task<long> CountAsync(string table)
    {
        await using var c = Db.DataSource.CreateCommand($"SELECT count(*) FROM {table} WHERE valid_to IS NULL");
        return (long)(await c.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// The physical ceiling: the current output rows exported in binary (not timed), then COPYed raw into
    /// twin tables with the same columns and indexes (timed). Returns the time and the row count.
    /// </summary>
    public async Task<(TimeSpan Elapsed, long Rows)> RawCopyOfOutputAsync()
    {
        await using var connection = await Db.DataSource.OpenConnectionAsync();
        var exports = new List<(string Table, byte[] Data)>();
        long rows = 0;
        foreach (var table in OutputTables)
        {
            await using (var create = new NpgsqlCommand($"DROP TABLE IF EXISTS twin_{table}; CREATE TABLE twin_{table} (LIKE {table} INCLUDING ALL)", connection))
            {
                await create.ExecuteNonQueryAsync();
            }

            using var buffer = new MemoryStream();
            await using (var export = await connection.BeginRawBinaryCopyAsync($"COPY (SELECT * FROM {table} WHERE valid_to IS NULL) TO STDOUT (FORMAT BINARY)"))
            {
                await export.CopyToAsync(buffer);
            }

            exports.Add((table, buffer.ToArray()));
            rows += await CountAsync(table);
        }

        var sw = Stopwatch.StartNew();
        foreach (var (table, data) in exports)
        {
            await using var import = await connection.BeginRawBinaryCopyAsync($"COPY twin_{table} FROM STDIN (FORMAT BINARY)");
            await import.WriteAsync(data);
        }

        return (sw.Elapsed, rows);
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.LeaveAsync();
        Worker.Dispose();
        await Db.DisposeAsync();
    }

    private sealed class Context : ServerCallContext
    {
        public override IMethod Method => throw new NotSupportedException();

        public override string Peer => "ipv4:127.0.0.1:1";

        public override DateTime Deadline => DateTime.MaxValue;

        public override CancellationToken CancellationToken => CancellationToken.None;

        public override Metadata RequestHeaders { get; } = new();

        public override Metadata ResponseTrailers { get; } = new();

        public override Status Status { get; set; } = Status.Ok;

        public override string CorrelationId { get; } = "BENCH:" + Guid.NewGuid().ToString("N");

        public override IDictionary<object, object?> UserState { get; } = new Dictionary<object, object?>();

        public override IServiceProvider Services => throw new NotSupportedException();

        public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
    }
}
