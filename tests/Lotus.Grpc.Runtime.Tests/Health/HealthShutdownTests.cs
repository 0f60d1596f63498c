using Grpc.Health.V1;
using Lotus.Grpc.Health;
using Lotus.Grpc.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Lotus.Grpc.Tests.Health;

/// <summary>Stops its own server, so it has a fixture of its own.</summary>
[TestFixture]
public sealed class HealthShutdownTests : KestrelTestBase
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddLotusGrpcHealth();

    protected override void MapEndpoints(WebApplication application) => application.MapGrpcHealthService();

    [Test]
    public async Task HostStops_WatchSeesNotServingThenTheStreamEndsOk()
    {
        using var response = await Client.SendAsync(GrpcTestClient.CreateRequest("/grpc.health.v1.Health/Watch", GrpcTestClient.Frame(new HealthCheckRequest())));
        var body = await response.Content.ReadAsStreamAsync();
        Assert.That((await HealthTests.ReadOneAsync(body)).Status, Is.EqualTo(ServingStatus.Serving), "no probes: serving");

        var stopping = Services.GetRequiredService<IHostApplicationLifetime>();
        stopping.StopApplication();

        Assert.That((await HealthTests.ReadOneAsync(body)).Status, Is.EqualTo(ServingStatus.NotServing));
        var rest = new MemoryStream();
        await body.CopyToAsync(rest);
        Assert.That(rest.Length, Is.Zero);
        response.AssertTrailerStatus(StatusCode.OK);
    }
}
