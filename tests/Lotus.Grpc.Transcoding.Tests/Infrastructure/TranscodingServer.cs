using System.Net;
using Lotus.Grpc.Transcoding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Transcoding.Tests.Infrastructure;

/// <summary>Real Kestrel on 127.0.0.1 (HTTP/1.1, port chosen by the OS) serving the test service over REST.</summary>
public sealed class TranscodingServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private TranscodingServer(WebApplication app, TestServiceImpl service, List<string> interceptorLog)
    {
        this.app = app;
        Service = service;
        InterceptorLog = interceptorLog;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = Timeout.InfiniteTimeSpan };
    }

    public TestServiceImpl Service { get; }

    public List<string> InterceptorLog { get; }

    public HttpClient Client { get; }

    public static async Task<TranscodingServer> StartAsync(Action<TranscodingOptions>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http1));
        var log = new List<string>();
        builder.Services.AddSingleton<IServerInterceptor>(new RecordingInterceptor("di", log));
        builder.Services.AddLotusTranscoding(options =>
        {
            options.Interceptors.Add(new RecordingInterceptor("options", log));
            options.ErrorResult = ProblemJson.QueryControlPlane(m => m.Name == "GetPortfolioTimeseries");
            configure?.Invoke(options);
        });
        builder.Services.AddRouting();
        var app = builder.Build();
        var service = new TestServiceImpl();
        app.MapTranscodedService(service.BindService());
        app.MapOpenApiDocument("/openapi.json", "Lotus transcoding test", "v1");
        app.MapOpenApiBrowser("/docs", "/openapi.json");
        await app.StartAsync();
        return new TranscodingServer(app, service, log);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
