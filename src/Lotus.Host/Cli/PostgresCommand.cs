using System.Net;
using System.Net.Sockets;
using Lotus.Storage.Embedded;

namespace Lotus.Host.Cli;

/// <summary>
/// <c>lotus-server postgres start --data DIR [--port N]</c> starts (or reuses) a private cluster and
/// prints <c>LOTUS_PG=&lt;connection string&gt;</c>, leaving it running (stop it with
/// <c>pg_ctl stop -D DIR</c>). The test command uses this to run one throw-away server per test run.
/// </summary>
internal static class PostgresCommand
{
    public static async Task<int> RunAsync(CommandLine commandLine)
    {
        var action = commandLine.Positional.Count > 0 ? commandLine.Positional[0] : "";
        var data = commandLine.Get("data") ?? throw new ArgumentException("postgres needs --data <directory>.");
        var portText = commandLine.Get("port") ?? "0";
        var port = int.Parse(portText, System.Globalization.CultureInfo.InvariantCulture);
        switch (action)
        {
            case "start":
            {
                var server = await EmbeddedPostgres.StartAsync(new EmbeddedPostgresOptions
                {
                    DataDirectory = data,
                    Port = port == 0 ? FreePort() : port,
                    StopOnDispose = false,
                    Durable = !commandLine.Has("throwaway"),
                }).ConfigureAwait(false);
                Console.WriteLine("LOTUS_PG=" + server.ConnectionString);
                return 0;
            }

            default:
                Console.Error.WriteLine("usage: lotus-server postgres start --data <directory> [--port N] [--throwaway]");
                return 2;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
