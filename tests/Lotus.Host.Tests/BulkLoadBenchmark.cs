using System.Diagnostics;
using Lotus.Core.V1;
using Lotus.Host.Services.Ingestion;
using Lotus.Host.Tests.Support;
using Npgsql;
using IngestionService = Lotus.Host.Services.Ingestion.IngestionService;

namespace Lotus.Host.Tests;

/// <summary>
/// Throughput of a bulk transaction load through IngestStream, against the ceiling of a raw binary
/// COPY of the same rows on the same machine. Prints rows/s and the ratio; asserts nothing timed.
/// Run: dotnet test tests/Lotus.Host.Tests --filter "FullyQualifiedName~BulkLoadBenchmark"
/// </summary>
[TestFixture]
[Explicit("Benchmark: prints throughput, asserts only correctness.")]
public sealed class BulkLoadBenchmark : ServiceTestBase
{
    private const int Rows = 200_000;
    private const int ChunkSize = 5_000;

    private sealed class DiscardEventSink : IIngestionEventSink
    {
        public Task AppendAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IngestionEventContext context, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
            => Task.CompletedTask;
    }

    private static IEnumerable<IngestStreamRequest> Chunks(string prefix)
    {
        var chunk = new IngestStreamRequest();
        foreach (var transaction in Samples.Buys(Rows, prefix: prefix))
        {
            chunk.Transactions.Add(transaction);
            if (chunk.Transactions.Count == ChunkSize)
            {
                yield return chunk;
                chunk = new IngestStreamRequest();
            }
        }

        if (chunk.Transactions.Count > 0)
        {
            yield return chunk;
        }
    }

    [Test]
    public async Task StreamLoad_ComparedWithRawCopy()
    {
        // Warm-up (JIT, plans).
        await new IngestionService(Db.DataSource, new DiscardEventSink()).IngestStream(new ListStreamReader<IngestStreamRequest>(Chunks("W").Take(2)), new TestCallContext());

        var ceiling = await RawCopyAsync();
        var withoutEvents = await TimeAsync(new IngestionService(Db.DataSource, new DiscardEventSink()), "N");
        var withEvents = await TimeAsync(new IngestionService(Db.DataSource, new TableEventSink()), "E");

        TestContext.Out.WriteLine($"raw COPY into a copy of transactions: {Rows / ceiling.TotalSeconds:N0} rows/s");
        TestContext.Out.WriteLine($"IngestStream, events discarded:       {Rows / withoutEvents.TotalSeconds:N0} rows/s (ratio to raw COPY {ceiling / withoutEvents:P0})");
        TestContext.Out.WriteLine($"IngestStream, events to a table:      {Rows / withEvents.TotalSeconds:N0} rows/s (ratio to raw COPY {ceiling / withEvents:P0})");
        Assert.That(await CountAsync("SELECT count(*) FROM transactions WHERE transaction_id LIKE 'E%' OR transaction_id LIKE 'N%'"), Is.EqualTo(2 * Rows));
    }

    private static async Task<TimeSpan> TimeAsync(IngestionService service, string prefix)
    {
        var stopwatch = Stopwatch.StartNew();
        var response = await service.IngestStream(new ListStreamReader<IngestStreamRequest>(Chunks(prefix)), new TestCallContext());
        stopwatch.Stop();
        Assert.That(response.Ack.AcceptedCount, Is.EqualTo(Rows));
        return stopwatch.Elapsed;
    }

    private async Task<TimeSpan> RawCopyAsync()
    {
        await using var connection = await Db.DataSource.OpenConnectionAsync();
        await using (var create = new NpgsqlCommand("CREATE TABLE raw_transactions (LIKE transactions INCLUDING ALL)", connection))
        {
            await create.ExecuteNonQueryAsync();
        }

        var rows = Chunks("R").SelectMany(c => c.Transactions).ToList();
        var stopwatch = Stopwatch.StartNew();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY raw_transactions (transaction_id, portfolio_id, instrument_id, security_id, transaction_date, settlement_date, transaction_type, "
            + "quantity, price, gross_transaction_amount, trade_currency, currency, trade_fee, ingestion_job_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var t in rows)
            {
                writer.StartRow();
                writer.Write(t.TransactionId);
                writer.Write(t.PortfolioId);
                writer.Write(t.InstrumentId);
                writer.Write(t.SecurityId);
                writer.Write(DateOnly.ParseExact(t.TransactionDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Date);
                writer.Write(DateOnly.ParseExact(t.SettlementDate, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Date);
                writer.Write(t.TransactionType);
                writer.Write(decimal.Parse(t.Quantity, System.Globalization.CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Numeric);
                writer.Write(decimal.Parse(t.Price, System.Globalization.CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Numeric);
                writer.Write(decimal.Parse(t.GrossTransactionAmount, System.Globalization.CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Numeric);
                writer.Write(t.TradeCurrency);
                writer.Write(t.Currency);
                writer.Write(decimal.Parse(t.TradeFee, System.Globalization.CultureInfo.InvariantCulture), NpgsqlTypes.NpgsqlDbType.Numeric);
                writer.Write("job_raw");
            }

            await writer.CompleteAsync();
        }

        stopwatch.Stop();
        return stopwatch.Elapsed;
    }
}
