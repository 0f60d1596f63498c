using System.Security.Cryptography;
using Lotus.Calculators;
using Lotus.Grpc;
using Lotus.Grpc.Health;
using Lotus.Grpc.Server;
using Lotus.Grpc.Transcoding;
using Lotus.Host.Calculated;
using Lotus.Host.Services;
using Lotus.Host.Services.Analytics;
using Lotus.Host.Services.Ingestion;
using Lotus.Host.Services.Query;
using Lotus.Messaging;
using Lotus.Messaging.Postgres;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;

namespace Lotus.Host.Hosting;

/// <summary>
/// Builds the web application: Kestrel endpoints (gRPC HTTP/2, REST HTTP/1.1), the product's gRPC
/// services and their REST transcoding, health, reflection, OpenAPI, and the calculator workers.
/// </summary>
public static class LotusServer
{
    /// <summary>Builds (does not start) the server on an already migrated database.</summary>
    public static WebApplication Build(LotusSettings settings, string connectionString, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.Configure<LotusSettings>(s => Copy(settings, s));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.WebHost.ConfigureKestrel(k => k.ListenLotusEndpoints(new GrpcEndpointOptions
        {
            Address = settings.Endpoints.BindAddress,
            GrpcPort = settings.Endpoints.GrpcPort,
            RestPort = settings.Endpoints.RestPort,
            CertificatePath = settings.Endpoints.Tls.CertificatePath,
            CertificatePassword = settings.Endpoints.Tls.CertificatePassword,
        }));

        // Protocol: gRPC, health driven by database readiness, REST answering the analytics family as
        // lotus-core's problem+json.
        var pageTokenKey = PageTokenKey(settings);
        builder.Services.AddLotusGrpc();
        builder.Services.AddLotusGrpcHealth();
        builder.Services.AddSingleton<IReadinessProbe, DatabaseReadinessProbe>();
        builder.Services.AddLotusTranscoding(o =>
            o.ErrorResult = ProblemJson.QueryControlPlane(m => m.ServiceName == Lotus.Core.V1.AnalyticsInputService.ServiceName));

        // Pipeline: the durable event log in PostgreSQL, ingestion writing to it, calculators consuming it.
        builder.Services.AddSingleton<IEventTransport>(sp => new PostgresEventTransport(sp.GetRequiredService<NpgsqlDataSource>()));
        builder.Services.AddSingleton<IIngestionEventSink>(sp => new CalculatorEventSink(sp.GetRequiredService<IEventTransport>()));
        builder.Services.AddSingleton<IIngestionProgressSource, CalculatorProgressSource>();
        builder.Services.AddSingleton<CalculatedStateReaders>();
        builder.Services.AddSingleton(sp => new PageTokenCodec(pageTokenKey));
        builder.Services.AddSingleton(sp => new IngestionService(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IIngestionEventSink>(), sp.GetRequiredService<IIngestionProgressSource>()));
        builder.Services.AddSingleton(sp =>
        {
            var readers = sp.GetRequiredService<CalculatedStateReaders>();
            return new QueryService(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<PageTokenCodec>(), readers, readers, readers);
        });
        builder.Services.AddSingleton(sp => new CalculatorWorker(sp.GetRequiredService<IEventTransport>(), new CalculatorOptions()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<CalculatorWorker>());
        builder.Services.AddSingleton<SystemInfoService>();
        builder.Services.AddLotusAnalytics(o => o.PageTokenKeys[o.PageTokenKeyId] = pageTokenKey);
        configure?.Invoke(builder);

        var app = builder.Build();
        ServerServiceDefinition[] services =
        [
            app.Services.GetRequiredService<SystemInfoService>().BindService(),
            app.Services.GetRequiredService<IngestionService>().BindService(),
            app.Services.GetRequiredService<QueryService>().BindService(),
            app.Services.GetRequiredService<AnalyticsInputService>().BindService(),
        ];
        foreach (var service in services)
        {
            app.MapGrpcService(service);
        }

        app.MapGrpcHealthService();
        app.MapGrpcReflectionService();
        app.MapTranscodedServices(services);
        app.MapOpenApiDocument("/openapi.json", "Lotus Core gRPC", "v1");
        app.MapOpenApiBrowser("/docs", "/openapi.json");
        return app;
    }

    /// <summary>The addresses the server listens on, once started (ports resolved when 0 was configured).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app)
        => app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    // Every server sharing a database must sign page tokens with the same key; without one configured a
    // process-local key is used (tokens then do not survive a restart).
    private static byte[] PageTokenKey(LotusSettings settings)
        => string.IsNullOrWhiteSpace(settings.PageTokenKey) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(settings.PageTokenKey);

    private static void Copy(LotusSettings from, LotusSettings to)
    {
        to.Database = from.Database;
        to.Embedded = from.Embedded;
        to.Endpoints = from.Endpoints;
        to.EventLog = from.EventLog;
        to.DemoData = from.DemoData;
        to.PageTokenKey = from.PageTokenKey;
    }
}
