using System.Diagnostics;
using System.Globalization;
using Lotus.Storage.Embedded;

namespace Lotus.TestSupport;

/// <summary>A detached shell that waits for a process to end, then stops its test cluster and deletes its directory.</summary>
internal static class CleanupWatchdog
{
    // $1 pid to watch, $2 pg_ctl, $3 data directory, $4 directory to delete, $5 OS user or empty.
    private const string Script = """
        exec >/dev/null 2>&1 </dev/null
        while kill -0 "$1" 2>/dev/null; do sleep 0.5; done
        if [ -n "$5" ]; then runuser -u "$5" -- "$2" stop -D "$3" -m fast -w; else "$2" stop -D "$3" -m fast -w; fi
        rm -rf "$4"
        """;

    public static void Start(int processId, EmbeddedPostgres server, string directoryToDelete)
    {
        var start = new ProcessStartInfo("setsid")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "sh", "-c", Script, "lotus-test-pg-watchdog",
            processId.ToString(CultureInfo.InvariantCulture),
            Path.Combine(server.BinDirectory, "pg_ctl"),
            server.DataDirectory,
            directoryToDelete,
            EmbeddedPostgres.ServerOsUser ?? string.Empty,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("Cannot start the test PostgreSQL cleanup watchdog (setsid sh).");
    }
}
