using System.Net;
using Lotus.Grpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Tests.Infrastructure;

/// <summary>
/// Real Kestrel on 127.0.0.1, port 0, HTTP/2 only (prior knowledge), one per fixture. Every test
/// fails if the server logged an error the test did not declare.
/// </summary>
public abstract class KestrelTestBase
{
    private WebApplication? app;

    protected LogCollector Logs { get; } = new();

    protected GrpcTestClient Client { get; private set; } = null!;

    protected IServiceProvider Services => app!.Services;

    /// <summary>The HTTP/1.1 endpoint (REST side).</summary>
    protected Uri Http1Address { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(Logs);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);

            // The REST side: a separate HTTP/1.1 endpoint (a cleartext Http1AndHttp2 port always speaks HTTP/1.1).
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http1);
            ConfigureKestrel(kestrel);
        });
        builder.Services.AddLotusGrpc(ConfigureGrpc);
        ConfigureServices(builder.Services);
        app = builder.Build();
        app.MapGrpcService<TestServiceImplementation>();
        MapEndpoints(app);
        await app.StartAsync();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.ToList();
        Assert.That(addresses, Has.Count.EqualTo(2));
        Client = new GrpcTestClient(new Uri(addresses[0]));
        Http1Address = new Uri(addresses[1]);
    }

    [OneTimeTearDown]
    public async Task StopServerAsync()
    {
        Client?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [SetUp]
    public void ResetLogs() => Logs.Reset();

    [TearDown]
    public void VerifyNoUnexpectedErrors()
    {
        var errors = Logs.UnexpectedErrors();
        Assert.That(errors, Is.Empty, "The server logged unexpected errors: " + string.Join(" | ", errors.Select(e => $"{e.EventId.Name}: {e.Message} {e.Exception}")));
    }

    protected virtual void ConfigureGrpc(GrpcServerOptions options)
    {
    }

    protected virtual void ConfigureKestrel(KestrelServerOptions options)
    {
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    protected virtual void MapEndpoints(WebApplication application)
    {
    }
}
