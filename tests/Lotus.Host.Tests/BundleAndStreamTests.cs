using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Tests.Support;

namespace Lotus.Host.Tests;

[TestFixture]
public sealed class BundleAndStreamTests : ServiceTestBase
{
    private static IngestPortfolioBundleRequest FullBundle() => new()
    {
        SourceSystem = "TEST",
        BusinessDates = { Samples.Day("2024-03-01") },
        Portfolios = { Samples.Portfolio() },
        Instruments = { Samples.Instrument() },
        Transactions = { Samples.Buy("T1"), Samples.Dividend("D1") },
        MarketPrices = { Samples.Price() },
        FxRates = { Samples.Fx() },
    };

    [Test]
    public async Task Bundle_WritesEveryEntityUnderOneJobWithTheirEvents()
    {
        var response = await Ingestion.IngestPortfolioBundle(FullBundle(), new TestCallContext());

        Assert.That(response.Ack.EntityType, Is.EqualTo("bundle"));
        Assert.That(response.Ack.AcceptedCount, Is.EqualTo(7));
        Assert.That(response.Ack.JobId, Does.Match("^job_[0-9a-f]{32}$"));
        foreach (var table in new[] { "business_dates", "portfolios", "instruments", "market_prices", "fx_rates" })
        {
            Assert.That(await CountAsync($"SELECT count(*) FROM {table} WHERE ingestion_job_id = '{response.Ack.JobId}'"), Is.EqualTo(1), table);
        }

        Assert.That(await CountAsync($"SELECT count(*) FROM transactions WHERE ingestion_job_id = '{response.Ack.JobId}'"), Is.EqualTo(2));
        Assert.That(await CountAsync("SELECT count(DISTINCT topic) FROM test_ingestion_events"), Is.EqualTo(6));
        Assert.That(await CountAsync("SELECT count(*) FROM test_ingestion_events WHERE topic = 'transactions.persisted' AND key = 'P1' AND event_type = 'lotus.core.v1.Transaction'"), Is.EqualTo(2));
        Assert.That(await CountAsync("SELECT count(*) FROM test_ingestion_events WHERE topic = 'fx_rates.persisted' AND key = 'USD|SGD'"), Is.EqualTo(1));
    }

    [Test]
    public async Task Bundle_WithOneInvalidRecord_WritesNothing()
    {
        var bundle = FullBundle();
        bundle.MarketPrices[0].Currency = "Usd";

        var error = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestPortfolioBundle(bundle, new TestCallContext()));

        Assert.That(ViolationFields(error), Is.EqualTo(new[] { "market_prices[0].currency" }));
        Assert.That(await CountEverythingAsync(), Is.Zero);
    }

    [Test]
    public async Task Bundle_EmptyOrWithUnknownMode_IsRejected()
    {
        var empty = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestPortfolioBundle(new IngestPortfolioBundleRequest(), new TestCallContext()));
        var bundle = FullBundle();
        bundle.Mode = "MERGE";
        var mode = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestPortfolioBundle(bundle, new TestCallContext()));

        Assert.That(ViolationFields(empty), Is.EqualTo(new[] { "bundle" }));
        Assert.That(ViolationFields(mode), Is.EqualTo(new[] { "mode" }));
    }

    private static IEnumerable<IngestStreamRequest> Chunks(int chunks, int perChunk, string? key = null)
    {
        var all = Samples.Buys(chunks * perChunk).ToList();
        for (var c = 0; c < chunks; c++)
        {
            var chunk = new IngestStreamRequest { IdempotencyKey = c == 0 ? key ?? string.Empty : string.Empty };
            chunk.Transactions.AddRange(all.Skip(c * perChunk).Take(perChunk));
            if (c == 0)
            {
                chunk.Portfolios.Add(Samples.Portfolio());
            }

            yield return chunk;
        }
    }

    [Test]
    public async Task Stream_CommitsAllChunksAsOneJob()
    {
        var response = await Ingestion.IngestStream(new ListStreamReader<IngestStreamRequest>(Chunks(5, 400)), new TestCallContext());

        Assert.That(response.Ack.AcceptedCount, Is.EqualTo(2001));
        Assert.That(response.Ack.EntityType, Is.EqualTo("bundle"));
        Assert.That(await CountAsync($"SELECT count(*) FROM transactions WHERE ingestion_job_id = '{response.Ack.JobId}'"), Is.EqualTo(2000));
        Assert.That(await CountAsync("SELECT count(*) FROM test_ingestion_events"), Is.EqualTo(2001));
    }

    [Test]
    public async Task Stream_ViolationIndexesCountAcrossChunksAndNothingIsWritten()
    {
        var chunks = Chunks(3, 4).ToList();
        chunks[1].Transactions[1].Quantity = "-5";
        chunks[2].Transactions[3].TradeCurrency = "XX";

        var error = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestStream(new ListStreamReader<IngestStreamRequest>(chunks), new TestCallContext()));

        Assert.That(ViolationFields(error), Is.EqualTo(new[] { "transactions[5].quantity", "transactions[11].trade_currency" }));
        Assert.That(await CountEverythingAsync(), Is.Zero);
    }

    [Test]
    public async Task Stream_DuplicateAcrossChunks_IsReportedWithStreamIndexes()
    {
        var chunks = Chunks(2, 3).ToList();
        chunks[1].Transactions[2].TransactionId = chunks[0].Transactions[1].TransactionId;

        var error = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestStream(new ListStreamReader<IngestStreamRequest>(chunks), new TestCallContext()));

        var violation = Details<Google.Rpc.BadRequest>(error)!.FieldViolations.Single();
        Assert.That(violation.Field, Is.EqualTo("transactions[5].transaction_id"));
        Assert.That(violation.Description, Does.Contain("transactions[1]"));
        Assert.That(await CountEverythingAsync(), Is.Zero);
    }

    [Test]
    public async Task Stream_ReplayWithSameChunks_ReturnsOriginalAck_AndDifferentChunksConflict()
    {
        var first = await Ingestion.IngestStream(new ListStreamReader<IngestStreamRequest>(Chunks(3, 10, "stream-1")), new TestCallContext());

        var replay = await Ingestion.IngestStream(new ListStreamReader<IngestStreamRequest>(Chunks(3, 10, "stream-1")), new TestCallContext());
        var error = await ThrowsRpcAsync(StatusCode.AlreadyExists,
            () => Ingestion.IngestStream(new ListStreamReader<IngestStreamRequest>(Chunks(2, 10, "stream-1")), new TestCallContext()));

        Assert.That(replay.Ack.Replayed, Is.True);
        Assert.That(replay.Ack.JobId, Is.EqualTo(first.Ack.JobId));
        Assert.That(Reason(error), Is.EqualTo("INGESTION_IDEMPOTENCY_CONFLICT"));
        Assert.That(await CountAsync("SELECT count(*) FROM transactions"), Is.EqualTo(30));
    }

    [Test]
    public async Task Stream_OfOneKind_ReportsThatKind()
    {
        var chunk = new IngestStreamRequest { MarketPrices = { Samples.Price(date: "2024-03-01"), Samples.Price(date: "2024-03-04") } };

        var response = await Ingestion.IngestStream(new ListStreamReader<IngestStreamRequest>([chunk]), new TestCallContext());

        Assert.That(response.Ack.EntityType, Is.EqualTo("market_price"));
        Assert.That(response.Ack.AcceptedCount, Is.EqualTo(2));
    }
}
