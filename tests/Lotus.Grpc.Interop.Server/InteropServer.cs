using Lotus.Grpc.Reflection;
using Lotus.Grpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Interop;

/// <summary>Our runtime serving the interop and benchmark services (plus reflection) on 127.0.0.1.</summary>
public sealed class InteropServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private InteropServer(WebApplication app, int port)
    {
        this.app = app;
        Port = port;
    }

    public int Port { get; }

    public string Target => $"127.0.0.1:{Port}";

    public string Address => $"http://127.0.0.1:{Port}";

    public IServiceProvider Services => app.Services;

    /// <summary>Starts on a free port; <paramref name="configureLogging"/> lets tests collect server logs.</summary>
    public static async Task<InteropServer> StartAsync(Action<ILoggingBuilder>? configureLogging = null, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, port, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddLotusGrpc();
        var app = builder.Build();
        app.MapGrpcService<InteropTestService>();
        app.MapGrpcService<BenchmarkTestService>();
        app.MapGrpcReflectionService();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new InteropServer(app, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
