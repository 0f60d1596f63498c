using System.Net;
using Lotus.Grpc.Health;
using Lotus.Grpc.Reflection;
using Lotus.Grpc.Server;
using Lotus.Host.Services;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Npgsql;

namespace Lotus.Host.Hosting;

/// <summary>Builds the web application: Kestrel endpoints, gRPC services, health, reflection, REST.</summary>
public static class LotusServer
{
    /// <summary>Names of the two endpoints, used in logs and by tests to find the bound addresses.</summary>
    public const string GrpcEndpointName = "grpc";
    public const string RestEndpointName = "rest";

    /// <summary>Builds (does not start) the server on an already migrated database.</summary>
    public static WebApplication Build(LotusSettings settings, string connectionString, string[]? args = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.Services.Configure<LotusSettings>(s => Copy(settings, s));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        ConfigureKestrel(builder, settings.Endpoints);

        builder.Services.AddLotusGrpc();
        builder.Services.AddLotusGrpcHealth();
        builder.Services.AddSingleton<IReadinessProbe, DatabaseReadinessProbe>();
        builder.Services.AddSingleton<SystemInfoService>();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.MapGrpcService<SystemInfoService>();
        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
        return app;
    }

    /// <summary>The addresses the server listens on, once started (ports resolved when 0 was configured).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app)
        => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    private static void ConfigureKestrel(WebApplicationBuilder builder, EndpointSettings endpoints)
    {
        var address = IPAddress.Parse(endpoints.BindAddress);
        var tls = !string.IsNullOrWhiteSpace(endpoints.Tls.CertificatePath);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // gRPC: HTTP/2 only. Without TLS a cleartext endpoint must not offer HTTP/1.1, or Kestrel
            // answers prior-knowledge HTTP/2 clients with HTTP/1.1 (aspnetcore issue 56984).
            kestrel.Listen(address, endpoints.GrpcPort, listen =>
            {
                listen.Protocols = HttpProtocols.Http2;
                if (tls)
                {
                    listen.UseHttps(endpoints.Tls.CertificatePath!, endpoints.Tls.CertificatePassword);
                }
            });

            // REST: HTTP/1.1 (and HTTP/2 by ALPN when TLS is on).
            kestrel.Listen(address, endpoints.RestPort, listen =>
            {
                listen.Protocols = tls ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
                if (tls)
                {
                    listen.UseHttps(endpoints.Tls.CertificatePath!, endpoints.Tls.CertificatePassword);
                }
            });
        });
    }

    private static void Copy(LotusSettings from, LotusSettings to)
    {
        to.Database = from.Database;
        to.Embedded = from.Embedded;
        to.Endpoints = from.Endpoints;
        to.EventLog = from.EventLog;
        to.DemoData = from.DemoData;
    }
}
