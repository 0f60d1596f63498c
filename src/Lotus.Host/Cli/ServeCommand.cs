using Lotus.Host.Demo;
using Lotus.Host.Hosting;

namespace Lotus.Host.Cli;

/// <summary><c>lotus-server serve</c>: database (embedded or external), migrations, endpoints; runs until Ctrl-C.</summary>
internal static class ServeCommand
{
    public static async Task<int> RunAsync(CommandLine commandLine)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(ConfigurationOverrides.From(commandLine))
            .Build();
        var settings = new LotusSettings();
        configuration.GetSection("Lotus").Bind(settings);

        using var stopping = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl-C during start-up cancels it; once running, the web host handles it.
            stopping.Cancel();
        };

        await using var database = await DatabaseBootstrap.StartAsync(settings, stopping.Token).ConfigureAwait(false);
        Console.WriteLine($"database   {database.Description}; {database.Applied.Count} migration(s) applied now");

        await using var app = LotusServer.Build(settings, database.ConnectionString);
        await app.StartAsync(stopping.Token).ConfigureAwait(false);
        foreach (var address in LotusServer.Addresses(app))
        {
            Console.WriteLine($"listening  {address}");
        }

        Console.WriteLine($"gRPC       port {settings.Endpoints.GrpcPort}: HTTP/2 (prior knowledge); reflection and grpc.health.v1 enabled");
        Console.WriteLine($"REST       port {settings.Endpoints.RestPort}: HTTP/1.1 JSON; OpenAPI at /openapi.json");
        if (settings.DemoData)
        {
            await DemoDataLoader.LoadAsync(settings.Endpoints, stopping.Token).ConfigureAwait(false);
        }

        Console.WriteLine("ready      press Ctrl-C to stop the server and its database");
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }
}
