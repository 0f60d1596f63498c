using Lotus.Client.Tests.Fakes;
using Lotus.Core.V1;
using Lotus.Grpc;

namespace Lotus.Client.Tests;

[TestFixture]
public sealed class RetryTests
{
    [Test]
    public async Task IdempotentRead_UnavailableThenOk_IsRetried()
    {
        var invoker = new FakeCallInvoker()
            .Fail(AnalyticsInputService.GetAnalyticsReferenceMethod, StatusCode.Unavailable)
            .Reply(AnalyticsInputService.GetAnalyticsReferenceMethod, new GetAnalyticsReferenceResponse { Reference = new AnalyticsReference { PortfolioId = "P1" } });
        var delays = new RecordedDelays();

        var client = new LotusAnalyticsClient(invoker, delays.Options());
        var response = await client.GetAnalyticsReferenceAsync(new GetAnalyticsReferenceRequest { PortfolioId = "P1" });

        Assert.That(response.Reference.PortfolioId, Is.EqualTo("P1"));
        Assert.That(invoker.CallCount(AnalyticsInputService.GetAnalyticsReferenceMethod), Is.EqualTo(2));
        Assert.That(delays.Waits, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(200) }));
    }

    [Test]
    public void IdempotentRead_AlwaysUnavailable_StopsAfterMaxAttemptsWithBackoff()
    {
        var invoker = new FakeCallInvoker();
        for (var i = 0; i < 4; i++)
        {
            invoker.Fail(AnalyticsInputService.GetAnalyticsReferenceMethod, StatusCode.Unavailable);
        }

        var delays = new RecordedDelays();
        var client = new LotusAnalyticsClient(invoker, delays.Options(new RetryPolicy { MaxAttempts = 4, InitialBackoff = TimeSpan.FromMilliseconds(100), MaxBackoff = TimeSpan.FromMilliseconds(300) }));

        var e = Assert.ThrowsAsync<LotusClientException>(() => client.GetAnalyticsReferenceAsync(new GetAnalyticsReferenceRequest()));

        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
        Assert.That(e.IsTransient, Is.True);
        Assert.That(invoker.CallCount(AnalyticsInputService.GetAnalyticsReferenceMethod), Is.EqualTo(4));
        Assert.That(delays.Waits.Select(w => w.TotalMilliseconds), Is.EqualTo(new[] { 100d, 200d, 300d }));
    }

    [TestCase(StatusCode.InvalidArgument)]
    [TestCase(StatusCode.Internal)]
    [TestCase(StatusCode.DeadlineExceeded)]
    [TestCase(StatusCode.ResourceExhausted)]
    public void IdempotentRead_OtherStatus_IsNotRetried(StatusCode code)
    {
        var invoker = new FakeCallInvoker().Fail(AnalyticsInputService.GetCoreSnapshotMethod, code);

        var client = new LotusAnalyticsClient(invoker, new RecordedDelays().Options());
        var e = Assert.ThrowsAsync<LotusClientException>(() => client.GetCoreSnapshotAsync(new GetCoreSnapshotRequest()));

        Assert.That(e!.StatusCode, Is.EqualTo(code));
        Assert.That(invoker.CallCount(AnalyticsInputService.GetCoreSnapshotMethod), Is.EqualTo(1));
    }

    [Test]
    public void Write_WithoutIdempotencyKey_IsNotRetried()
    {
        var invoker = new FakeCallInvoker()
            .Fail(IngestionService.IngestTransactionsMethod, StatusCode.Unavailable)
            .Reply(IngestionService.IngestTransactionsMethod, new IngestTransactionsResponse());

        var client = new LotusIngestionClient(invoker, new RecordedDelays().Options());
        var e = Assert.ThrowsAsync<LotusClientException>(() => client.IngestTransactionsAsync(new IngestTransactionsRequest()));

        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
        Assert.That(invoker.CallCount(IngestionService.IngestTransactionsMethod), Is.EqualTo(1));
    }

    [Test]
    public async Task Write_WithIdempotencyKey_IsRetried()
    {
        var invoker = new FakeCallInvoker()
            .Fail(IngestionService.IngestTransactionsMethod, StatusCode.Unavailable)
            .Reply(IngestionService.IngestTransactionsMethod, new IngestTransactionsResponse { Ack = new IngestionAck { Replayed = true } });

        var client = new LotusIngestionClient(invoker, new RecordedDelays().Options());
        var response = await client.IngestTransactionsAsync(new IngestTransactionsRequest { IdempotencyKey = "k-1" });

        Assert.That(response.Ack.Replayed, Is.True);
        Assert.That(invoker.Requests<IngestTransactionsRequest>(IngestionService.IngestTransactionsMethod).Select(r => r.IdempotencyKey), Is.EqualTo(new[] { "k-1", "k-1" }));
    }

    [Test]
    public async Task RawStream_UnavailableBeforeFirstMessage_IsRetried()
    {
        var page = Pages.Portfolio(0, 1, last: true, new DateOnly(2026, 1, 5));
        var invoker = new FakeCallInvoker()
            .Stream(AnalyticsInputService.StreamPortfolioTimeseriesMethod, [], StatusCode.Unavailable)
            .Stream(AnalyticsInputService.StreamPortfolioTimeseriesMethod, [new StreamPortfolioTimeseriesResponse { PortfolioTimeseries = page }]);

        var client = new LotusAnalyticsClient(invoker, new RecordedDelays().Options());
        var count = 0;
        await foreach (var unused in client.StreamPortfolioTimeseries(new StreamPortfolioTimeseriesRequest()))
        {
            count++;
        }

        Assert.That(count, Is.EqualTo(1));
        Assert.That(invoker.CallCount(AnalyticsInputService.StreamPortfolioTimeseriesMethod), Is.EqualTo(2));
    }

    [Test]
    public void RawStream_UnavailableAfterAMessage_IsNotRetried()
    {
        var page = Pages.Portfolio(0, 1, last: false, new DateOnly(2026, 1, 5));
        var invoker = new FakeCallInvoker()
            .Stream(AnalyticsInputService.StreamPortfolioTimeseriesMethod, [new StreamPortfolioTimeseriesResponse { PortfolioTimeseries = page }], StatusCode.Unavailable);

        var client = new LotusAnalyticsClient(invoker, new RecordedDelays().Options());

        Assert.ThrowsAsync<LotusClientException>(async () =>
        {
            await foreach (var unused in client.StreamPortfolioTimeseries(new StreamPortfolioTimeseriesRequest()))
            {
            }
        });
        Assert.That(invoker.CallCount(AnalyticsInputService.StreamPortfolioTimeseriesMethod), Is.EqualTo(1));
    }

    [Test]
    public void Retry_BackoffBeyondDeadline_IsNotAttempted()
    {
        var now = new DateTime(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc);
        var invoker = new FakeCallInvoker()
            .Fail(AnalyticsInputService.GetExportJobMethod, StatusCode.Unavailable)
            .Reply(AnalyticsInputService.GetExportJobMethod, new GetExportJobResponse());
        var options = new RecordedDelays().Options() with { UtcNow = () => now };

        var client = new LotusAnalyticsClient(invoker, options);

        Assert.ThrowsAsync<LotusClientException>(() => client.GetExportJobAsync(new GetExportJobRequest(), deadline: now.AddMilliseconds(100)));
        Assert.That(invoker.CallCount(AnalyticsInputService.GetExportJobMethod), Is.EqualTo(1));
    }

    [Test]
    public void BackoffAfter_GrowsGeometricallyUpToTheCap()
    {
        var policy = new RetryPolicy { InitialBackoff = TimeSpan.FromMilliseconds(200), BackoffMultiplier = 2m, MaxBackoff = TimeSpan.FromSeconds(1) };

        Assert.That(Enumerable.Range(1, 5).Select(a => policy.BackoffAfter(a).TotalMilliseconds), Is.EqualTo(new[] { 200d, 400d, 800d, 1000d, 1000d }));
    }
}
