using Grpc.Health.V1;
using Lotus.Grpc.Health;
using Lotus.Grpc.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Lotus.Grpc.Tests.Health;

[TestFixture]
public sealed class HealthTests : KestrelTestBase
{
    private readonly SwitchableProbe probe = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddLotusReadinessProbe("switchable", (_, cancellationToken) => probe.IsReadyAsync(cancellationToken));
        services.AddLotusGrpcHealth(o => o.ProbeInterval = TimeSpan.FromMilliseconds(20));
    }

    protected override void MapEndpoints(WebApplication application) => application.MapGrpcHealthService();

    [SetUp]
    public async Task BecomeReadyAsync()
    {
        probe.Ready = true;
        await WaitForStatusAsync(string.Empty, ServingStatus.Serving);
    }

    [Test]
    public async Task CheckWholeServer_ReportsServingWhenProbesAreReady()
    {
        using var response = await Client.PostAsync("/grpc.health.v1.Health/Check", new HealthCheckRequest());

        var reply = (await GrpcTestClient.ReadMessagesAsync(response, HealthCheckResponse.Parser)).Single();
        Assert.That(reply.Status, Is.EqualTo(ServingStatus.Serving));
        response.AssertTrailerStatus(StatusCode.OK);
    }

    [Test]
    public async Task CheckMappedService_FollowsReadiness()
    {
        Assert.That(await CheckAsync(TestServiceImplementation.ServiceName), Is.EqualTo(ServingStatus.Serving));
        Assert.That(await CheckAsync("grpc.health.v1.Health"), Is.EqualTo(ServingStatus.Serving));
    }

    [Test]
    public async Task CheckUnknownService_AnswersNotFound()
    {
        using var response = await Client.PostAsync("/grpc.health.v1.Health/Check", new HealthCheckRequest { Service = "no.such.Service" });

        await response.AssertTrailersOnlyAsync(StatusCode.NotFound);
    }

    [Test]
    public async Task ProbeTurnsFalse_CheckReportsNotServing()
    {
        probe.Ready = false;
        await WaitForStatusAsync(string.Empty, ServingStatus.NotServing);

        Assert.That(await CheckAsync(string.Empty), Is.EqualTo(ServingStatus.NotServing));
        Assert.That(await CheckAsync(TestServiceImplementation.ServiceName), Is.EqualTo(ServingStatus.NotServing));
    }

    [Test]
    public async Task ProbeThrows_CountsAsNotReadyAndIsLoggedAsWarning()
    {
        probe.Throw = true;
        try
        {
            await WaitForStatusAsync(string.Empty, ServingStatus.NotServing);
        }
        finally
        {
            probe.Throw = false;
        }

        Assert.That(Logs.Records.Any(r => r.EventId.Name == "ReadinessProbeFailed" && r.Level == Microsoft.Extensions.Logging.LogLevel.Warning), Is.True);
    }

    [Test]
    public async Task Watch_SendsCurrentStatusThenEveryReadinessChange()
    {
        using var cancel = new CancellationTokenSource();
        using var response = await Client.SendAsync(
            GrpcTestClient.CreateRequest("/grpc.health.v1.Health/Watch", GrpcTestClient.Frame(new HealthCheckRequest())), cancel.Token);
        var body = await response.Content.ReadAsStreamAsync();

        Assert.That((await ReadOneAsync(body)).Status, Is.EqualTo(ServingStatus.Serving));
        probe.Ready = false;
        Assert.That((await ReadOneAsync(body)).Status, Is.EqualTo(ServingStatus.NotServing));
        probe.Ready = true;
        Assert.That((await ReadOneAsync(body)).Status, Is.EqualTo(ServingStatus.Serving));
        await cancel.CancelAsync();
    }

    [Test]
    public async Task WatchUnknownService_SendsServiceUnknownThenStatusOnceKnown()
    {
        using var cancel = new CancellationTokenSource();
        using var response = await Client.SendAsync(
            GrpcTestClient.CreateRequest("/grpc.health.v1.Health/Watch", GrpcTestClient.Frame(new HealthCheckRequest { Service = "late.Service" })), cancel.Token);
        var body = await response.Content.ReadAsStreamAsync();

        Assert.That((await ReadOneAsync(body)).Status, Is.EqualTo(ServingStatus.ServiceUnknown));
        Services.GetRequiredService<HealthStatusManager>().SetStatus("late.Service", ServingStatus.Serving);
        Assert.That((await ReadOneAsync(body)).Status, Is.EqualTo(ServingStatus.Serving));
        Services.GetRequiredService<HealthStatusManager>().ClearStatus("late.Service");
        Assert.That((await ReadOneAsync(body)).Status, Is.EqualTo(ServingStatus.ServiceUnknown));
        await cancel.CancelAsync();
    }

    private async Task<ServingStatus> CheckAsync(string service)
    {
        using var response = await Client.PostAsync("/grpc.health.v1.Health/Check", new HealthCheckRequest { Service = service });
        var reply = (await GrpcTestClient.ReadMessagesAsync(response, HealthCheckResponse.Parser)).Single();
        response.AssertTrailerStatus(StatusCode.OK);
        return reply.Status;
    }

    private async Task WaitForStatusAsync(string service, ServingStatus expected)
    {
        var manager = Services.GetRequiredService<HealthStatusManager>();
        for (var i = 0; i < 3000 && manager.GetStatus(service) != expected; i++)
        {
            await Task.Delay(10);
        }

        Assert.That(manager.GetStatus(service), Is.EqualTo(expected), "the readiness monitor never applied the probe");
    }

    internal static async Task<HealthCheckResponse> ReadOneAsync(Stream body)
    {
        var prefix = new byte[5];
        await body.ReadExactlyAsync(prefix).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        var payload = new byte[System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(prefix.AsSpan(1))];
        await body.ReadExactlyAsync(payload);
        return HealthCheckResponse.Parser.ParseFrom(payload);
    }

    internal sealed class SwitchableProbe : IReadinessProbe
    {
        private volatile bool ready = true;

        public bool Ready
        {
            get => ready;
            set => ready = value;
        }

        public string Name => "switchable";

        public bool Throw { get; set; }

        public Task<bool> IsReadyAsync(CancellationToken cancellationToken) =>
            Throw ? throw new InvalidOperationException("database unreachable") : Task.FromResult(ready);
    }
}
