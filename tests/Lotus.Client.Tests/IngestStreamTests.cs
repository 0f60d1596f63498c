using Lotus.Client.Tests.Fakes;
using Lotus.Core.V1;
using Lotus.Grpc;

namespace Lotus.Client.Tests;

[TestFixture]
public sealed class IngestStreamTests
{
    [Test]
    public async Task IngestStream_WritesEveryChunkThenReturnsTheAck()
    {
        var invoker = new FakeCallInvoker().Reply(IngestionService.IngestStreamMethod, new IngestStreamResponse { Ack = new IngestionAck { AcceptedCount = 3 } });

        var client = new LotusIngestionClient(invoker);
        var response = await client.IngestStreamAsync(Chunks("a", "b", "c"));

        Assert.That(response.Ack.AcceptedCount, Is.EqualTo(3));
        Assert.That(invoker.Written.Cast<IngestStreamRequest>().Select(c => c.Portfolios.Single().PortfolioId), Is.EqualTo(new[] { "a", "b", "c" }));
    }

    [Test]
    public void IngestStream_Unavailable_IsNotRetried()
    {
        var invoker = new FakeCallInvoker()
            .Fail(IngestionService.IngestStreamMethod, StatusCode.Unavailable)
            .Reply(IngestionService.IngestStreamMethod, new IngestStreamResponse());

        var client = new LotusIngestionClient(invoker, new RecordedDelays().Options());
        var e = Assert.ThrowsAsync<LotusClientException>(() => client.IngestStreamAsync(Chunks("a")));

        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
        Assert.That(invoker.CallCount(IngestionService.IngestStreamMethod), Is.EqualTo(1));
    }

    private static async IAsyncEnumerable<IngestStreamRequest> Chunks(params string[] portfolioIds)
    {
        foreach (var id in portfolioIds)
        {
            await Task.Yield();
            yield return new IngestStreamRequest { Portfolios = { new Portfolio { PortfolioId = id } } };
        }
    }
}
