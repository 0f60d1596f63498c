using System.Net;
using Lotus.Grpc.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Runtime.Tests.Client.Infrastructure;

/// <summary>
/// A scripted fake gRPC peer: real Kestrel on 127.0.0.1 (HTTP/2 prior knowledge), with endpoints written
/// by each test to send hand-made frames, headers, trailers and resets that real servers would not.
/// </summary>
public sealed class ScriptedGrpcServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private ScriptedGrpcServer(WebApplication app, Uri address)
    {
        this.app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<ScriptedGrpcServer> StartAsync(Action<WebApplication> map, Action<Http2Limits>? http2 = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
            http2?.Invoke(kestrel.Limits.Http2);
        });
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ScriptedGrpcServer(app, new Uri(address));
    }

    public GrpcChannel CreateChannel(GrpcChannelOptions? options = null) => GrpcChannel.ForAddress(Address, options);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
