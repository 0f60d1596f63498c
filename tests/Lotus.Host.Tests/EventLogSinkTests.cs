using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Ingestion;
using Lotus.Host.Tests.Support;
using Lotus.Messaging.Postgres;
using IngestionService = Lotus.Host.Services.Ingestion.IngestionService;

namespace Lotus.Host.Tests;

/// <summary>The production sink over the real PostgreSQL event log.</summary>
[TestFixture]
public sealed class EventLogSinkTests : ServiceTestBase
{
    private IngestionService _service = null!;

    [SetUp]
    public async Task UseEventLogAsync()
    {
        await using (var command = Db.DataSource.CreateCommand("TRUNCATE event_log"))
        {
            await command.ExecuteNonQueryAsync();
        }

        var transport = new PostgresEventTransport(Db.DataSource);
        await transport.EnsureTopicsAsync(IngestionTopics.Definitions);
        _service = new IngestionService(Db.DataSource, new EventLogIngestionSink(transport.Producer));
    }

    [Test]
    public async Task AcceptedBundle_AppendsOneEventPerRecordWithJobHeaders()
    {
        var bundle = new IngestPortfolioBundleRequest
        {
            Portfolios = { Samples.Portfolio() },
            Instruments = { Samples.Instrument() },
            Transactions = { Samples.Buy("T1"), Samples.Buy("T2") },
            MarketPrices = { Samples.Price() },
            FxRates = { Samples.Fx() },
            BusinessDates = { Samples.Day() },
        };

        var ack = (await _service.IngestPortfolioBundle(bundle, new TestCallContext("bundle-1"))).Ack;

        Assert.That(await CountAsync("SELECT count(*) FROM event_log"), Is.EqualTo(7));
        Assert.That(await CountAsync($"SELECT count(*) FROM event_log WHERE headers->>'ingestion_job_id' = '{ack.JobId}' AND headers->>'idempotency_key' = 'bundle-1'"), Is.EqualTo(7));
        Assert.That(await CountAsync("SELECT count(DISTINCT partition) FROM event_log WHERE topic = 'transactions.persisted'"), Is.EqualTo(1), "one portfolio, one partition");
        await using var command = Db.DataSource.CreateCommand("SELECT payload FROM event_log WHERE topic = 'transactions.persisted' ORDER BY \"offset\"");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(Transaction.Parser.ParseFrom(reader.GetFieldValue<byte[]>(0)).TransactionId);
        }

        Assert.That(ids, Is.EqualTo(new[] { "T1", "T2" }));
    }

    [Test]
    public async Task RejectedWrite_AppendsNothing()
    {
        var chunks = new[]
        {
            new IngestStreamRequest { Transactions = { Samples.Buy("T1"), Samples.Buy("T2") } },
            new IngestStreamRequest { Transactions = { Samples.Buy("T1") } },
        };

        await ThrowsRpcAsync(StatusCode.InvalidArgument, () => _service.IngestStream(new ListStreamReader<IngestStreamRequest>(chunks), new TestCallContext()));

        Assert.That(await CountAsync("SELECT count(*) FROM event_log"), Is.Zero, "the first chunk's events were appended, then rolled back");
    }

    [Test]
    public async Task ConcurrentStreamsAndBatchesOverManyPartitions_AllCommitWithPerKeyOrder()
    {
        var portfolios = Enumerable.Range(0, 12).Select(i => $"P{i:D2}").ToArray();

        // Each stream visits the portfolios in its own rotation, one portfolio per chunk.
        IEnumerable<IngestStreamRequest> Stream(int s) => Enumerable.Range(0, portfolios.Length).Select(c =>
        {
            var portfolio = portfolios[(c + (s * 5)) % portfolios.Length];
            return new IngestStreamRequest { Transactions = { Samples.Buys(20, portfolio, $"S{s}-{portfolio}-") } };
        });

        var streams = Enumerable.Range(0, 4).Select(s => Task.Run(() => _service.IngestStream(new ListStreamReader<IngestStreamRequest>(Stream(s)), new TestCallContext())));
        var batches = Enumerable.Range(0, 4).Select(b => Task.Run(() => _service.IngestTransactions(
            Samples.Transactions([.. portfolios.Reverse().SelectMany(p => Samples.Buys(5, p, $"B{b}-{p}-"))]), new TestCallContext())));

        await Task.WhenAll(streams.Cast<Task>().Concat(batches));

        Assert.That(await CountAsync("SELECT count(*) FROM transactions"), Is.EqualTo((4 * 12 * 20) + (4 * 12 * 5)));
        Assert.That(await CountAsync("SELECT count(*) FROM event_log WHERE topic = 'transactions.persisted'"), Is.EqualTo((4 * 12 * 20) + (4 * 12 * 5)));
        await using var command = Db.DataSource.CreateCommand(
            "SELECT payload FROM event_log WHERE topic = 'transactions.persisted' AND key = 'P03' ORDER BY \"offset\"");
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(Transaction.Parser.ParseFrom(reader.GetFieldValue<byte[]>(0)).TransactionId);
        }

        var ofStream0 = ids.Where(id => id.StartsWith("S0-", StringComparison.Ordinal)).ToList();
        Assert.That(ofStream0, Is.EqualTo(ofStream0.Order(StringComparer.Ordinal)), "a key's events keep the stream's order");
        Assert.That(ofStream0, Has.Count.EqualTo(20));
    }
}
