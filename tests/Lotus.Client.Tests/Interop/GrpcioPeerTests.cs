using Lotus.Client.Tests.Consumer;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Grpc.Client;

namespace Lotus.Client.Tests.Interop;

/// <summary>
/// Lotus.Client over the runtime's GrpcChannel against a third-party server (Python grpcio serving the
/// consumer scenario's reference data): the consumer checks over the real wire, stream and pages, and
/// the RFC error class read from grpc-status-details-bin as grpcio sends it.
/// </summary>
[TestFixture]
[Category("Interop")]
public sealed class GrpcioPeerTests
{
    private GrpcioPeer? peer;
    private GrpcChannel? channel;

    [OneTimeSetUp]
    public async Task StartPeer()
    {
        var (started, missing) = await GrpcioPeer.StartAsync();
        if (started is null)
        {
            Assert.Ignore("grpcio peer unavailable: " + missing);
        }

        peer = started;
        channel = GrpcChannel.ForAddress(peer!.Address);
    }

    [OneTimeTearDown]
    public async Task StopPeer()
    {
        channel?.Dispose();
        if (peer is not null)
        {
            await peer.DisposeAsync();
        }
    }

    [TestCase(FeeBasis.Net)]
    [TestCase(FeeBasis.Gross)]
    public async Task ConsumerChecks_PassOverTheWire(FeeBasis basis)
    {
        var source = new GrpcConsumerSource(channel!);

        var job = await source.IngestAsync(ConsumerScenario.Bundle("CT-WIRE"));
        Assert.That(await source.JobStatusAsync(job), Is.EqualTo("completed"));
        await ConsumerChecks.CheckPortfolioValuesAsync(source, "CT-WIRE");
        await ConsumerChecks.CheckTwrAsync(source, "CT-WIRE", basis);
        await ConsumerChecks.CheckStreamEqualsPagesAsync(source, "CT-WIRE");
        await ConsumerChecks.CheckContributionsAsync(source, "CT-WIRE", basis);
    }

    [Test]
    public void ErrorInfoFromGrpcio_GivesTheErrorClass()
    {
        var client = new LotusAnalyticsClient(channel!);

        var e = Assert.ThrowsAsync<LotusClientException>(async () =>
        {
            await foreach (var unused in client.ReadPortfolioTimeseriesAsync("MISSING-FX", ConsumerScenario.Start, ConsumerScenario.End, new TimeseriesReadOptions { UseStream = false }))
            {
            }
        });

        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
        Assert.That(e.ErrorClass, Is.EqualTo(LotusErrorClass.InsufficientData));
        Assert.That(e.ErrorClassFromServer, Is.True);
        Assert.That(e.ErrorMetadata["pair"], Is.EqualTo("EUR/USD"));
        Assert.That(e.Detail, Is.EqualTo("Missing FX rate for EUR/USD on 2026-01-07"));
    }

    [Test]
    public async Task Deadline_IsSentAndHonoured()
    {
        var client = new LotusAnalyticsClient(channel!);

        var reference = await client.GetAnalyticsReferenceAsync(new GetAnalyticsReferenceRequest { PortfolioId = "CT-WIRE" }, DateTime.UtcNow.AddSeconds(20));

        Assert.That(reference.Reference.PortfolioOpenDate, Is.EqualTo("2026-01-05"));
        Assert.ThrowsAsync<LotusClientException>(() => client.GetAnalyticsReferenceAsync(new GetAnalyticsReferenceRequest { PortfolioId = "CT-WIRE" }, DateTime.UtcNow.AddSeconds(-1)));
    }
}
