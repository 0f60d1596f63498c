using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Tests.Support;

namespace Lotus.Host.Tests;

[TestFixture]
public sealed class IdempotencyTests : ServiceTestBase
{
    [Test]
    public async Task SameKeyAndPayload_ReturnsOriginalAckReplayedAndWritesOnce()
    {
        var first = await Ingestion.IngestTransactions(Samples.Transactions(Samples.Buy("T1"), Samples.Buy("T2")), new TestCallContext("batch-1"));
        var second = await Ingestion.IngestTransactions(Samples.Transactions(Samples.Buy("T1"), Samples.Buy("T2")), new TestCallContext("batch-1"));

        Assert.That(first.Ack.Replayed, Is.False);
        Assert.That(second.Ack.Replayed, Is.True);
        Assert.That(second.Ack.JobId, Is.EqualTo(first.Ack.JobId));
        Assert.That(second.Ack.AcceptedCount, Is.EqualTo(2));
        Assert.That(second.Ack.CorrelationId, Is.EqualTo(first.Ack.CorrelationId), "the original acknowledgement");
        Assert.That(second.Ack.IdempotencyKey, Is.EqualTo("batch-1"));
        Assert.That(await CountAsync("SELECT count(*) FROM ingestion_jobs"), Is.EqualTo(1));
        Assert.That(await CountAsync("SELECT count(*) FROM test_ingestion_events"), Is.EqualTo(2));
    }

    [Test]
    public async Task SameKeyDifferentPayload_IsAlreadyExistsConflict()
    {
        await Ingestion.IngestTransactions(Samples.Transactions(Samples.Buy("T1")), new TestCallContext("batch-1"));
        var changed = Samples.Buy("T1");
        changed.Quantity = "11";

        var error = await ThrowsRpcAsync(StatusCode.AlreadyExists, () => Ingestion.IngestTransactions(Samples.Transactions(changed), new TestCallContext("batch-1")));

        Assert.That(Reason(error), Is.EqualTo("INGESTION_IDEMPOTENCY_CONFLICT"));
        Assert.That(await CountAsync("SELECT count(*) FROM transactions WHERE quantity = 10"), Is.EqualTo(1));
    }

    [Test]
    public async Task SameKeyOnAnotherRpc_IsConflict()
    {
        await Ingestion.IngestTransactions(Samples.Transactions(Samples.Buy("T1")), new TestCallContext("shared-key"));

        var error = await ThrowsRpcAsync(StatusCode.AlreadyExists,
            () => Ingestion.IngestPortfolios(new IngestPortfoliosRequest { Portfolios = { Samples.Portfolio() } }, new TestCallContext("shared-key")));

        Assert.That(Reason(error), Is.EqualTo("INGESTION_IDEMPOTENCY_CONFLICT"));
    }

    [Test]
    public async Task KeyInFieldAndKeyInMetadata_AreTheSameKey()
    {
        var request = Samples.Transactions(Samples.Buy("T1"));
        request.IdempotencyKey = "k:1";
        var first = await Ingestion.IngestTransactions(request, new TestCallContext());

        var second = await Ingestion.IngestTransactions(Samples.Transactions(Samples.Buy("T1")), new TestCallContext("k:1"));

        Assert.That(second.Ack.Replayed, Is.True);
        Assert.That(second.Ack.JobId, Is.EqualTo(first.Ack.JobId));
    }

    [Test]
    public async Task FieldAndMetadataKeysDiffering_IsInvalidArgument()
    {
        var request = Samples.Transactions(Samples.Buy("T1"));
        request.IdempotencyKey = "a";

        var error = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestTransactions(request, new TestCallContext("b")));

        Assert.That(Reason(error), Is.EqualTo("INGESTION_IDEMPOTENCY_KEY_INVALID"));
    }

    [TestCase("-starts-with-dash")]
    [TestCase("has space")]
    [TestCase("ünicode")]
    public async Task MalformedKey_IsInvalidArgument(string key)
    {
        var error = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestTransactions(Samples.Transactions(Samples.Buy()), new TestCallContext(key)));

        Assert.That(Reason(error), Is.EqualTo("INGESTION_IDEMPOTENCY_KEY_INVALID"));
        Assert.That(ViolationFields(error), Is.EqualTo(new[] { "idempotency_key" }));
        Assert.That(await CountEverythingAsync(), Is.Zero);
    }

    [Test]
    public async Task KeyOf128Characters_IsAccepted()
    {
        var key = "A" + new string('b', 127);

        var response = await Ingestion.IngestTransactions(Samples.Transactions(Samples.Buy()), new TestCallContext(key));

        Assert.That(response.Ack.IdempotencyKey, Is.EqualTo(key));
    }

    [Test]
    public async Task ConcurrentRequestsWithOneKey_WriteOnceAndTheOthersReplay()
    {
        var calls = Enumerable.Range(0, 8)
            .Select(_ => Task.Run(() => Ingestion.IngestTransactions(Samples.Transactions(Samples.Buy("T1"), Samples.Buy("T2")), new TestCallContext("concurrent"))))
            .ToArray();

        var responses = await Task.WhenAll(calls);

        Assert.That(responses.Count(r => !r.Ack.Replayed), Is.EqualTo(1));
        Assert.That(responses.Select(r => r.Ack.JobId).Distinct().Count(), Is.EqualTo(1));
        Assert.That(await CountAsync("SELECT count(*) FROM ingestion_jobs"), Is.EqualTo(1));
        Assert.That(await CountAsync("SELECT count(*) FROM test_ingestion_events"), Is.EqualTo(2));
    }

    [Test]
    public async Task RejectedRequest_DoesNotConsumeItsKey()
    {
        var bad = Samples.Buy("T1");
        bad.Quantity = "-1";
        await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestTransactions(Samples.Transactions(bad), new TestCallContext("retry-me")));

        var response = await Ingestion.IngestTransactions(Samples.Transactions(Samples.Buy("T1")), new TestCallContext("retry-me"));

        Assert.That(response.Ack.Replayed, Is.False);
        Assert.That(await CountAsync("SELECT count(*) FROM transactions"), Is.EqualTo(1));
    }

    [Test]
    public async Task WithoutKey_ReingestingUpsertsByBusinessKey()
    {
        await Ingestion.IngestTransactions(Samples.Transactions(Samples.Buy("T1")), new TestCallContext());
        var corrected = Samples.Buy("T1");
        corrected.Quantity = "12";

        var second = await Ingestion.IngestTransactions(Samples.Transactions(corrected), new TestCallContext());

        Assert.That(second.Ack.Replayed, Is.False);
        Assert.That(await CountAsync("SELECT count(*) FROM transactions"), Is.EqualTo(1));
        Assert.That(await CountAsync("SELECT count(*) FROM transactions WHERE quantity = 12"), Is.EqualTo(1));
        Assert.That(await CountAsync("SELECT count(*) FROM ingestion_jobs"), Is.EqualTo(2));
    }

    [Test]
    public async Task ConcurrentWritesOfOverlappingKeysInDifferentOrders_AllSucceed()
    {
        var calls = Enumerable.Range(0, 6).Select(seed => Task.Run(async () =>
        {
            var shuffled = Samples.Buys(400).OrderBy(_ => Random.Shared.Next()).ToArray();
            return await Ingestion.IngestTransactions(Samples.Transactions(shuffled), new TestCallContext());
        })).ToArray();

        var responses = await Task.WhenAll(calls);

        Assert.That(responses.Select(r => r.Ack.AcceptedCount), Is.All.EqualTo(400));
        Assert.That(await CountAsync("SELECT count(*) FROM transactions"), Is.EqualTo(400));
    }
}
