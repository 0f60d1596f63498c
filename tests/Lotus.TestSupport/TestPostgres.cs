using Lotus.Storage.Embedded;

namespace Lotus.TestSupport;

/// <summary>
/// The one PostgreSQL server of a test run: the server named by <c>LOTUS_TEST_PG</c> (a superuser
/// connection string, set by the test script that started it), or else a private embedded cluster
/// in a temporary directory, started once per process and stopped when the process exits.
/// </summary>
public static class TestPostgres
{
    /// <summary>Environment variable holding the shared server's connection string.</summary>
    public const string EnvironmentVariable = "LOTUS_TEST_PG";

    private const string Prefix = "lotus-test-pg-";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _connectionString;
    private static EmbeddedPostgres? _embedded;

    /// <summary>A superuser connection string (database <c>postgres</c>) to the run's server.</summary>
    public static async Task<string> GetServerConnectionStringAsync(CancellationToken cancellationToken = default)
    {
        if (_connectionString is not null)
        {
            return _connectionString;
        }

        await Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _connectionString ??= Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } fromEnvironment
                ? fromEnvironment
                : await StartEmbeddedAsync(cancellationToken).ConfigureAwait(false);
            return _connectionString;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> StartEmbeddedAsync(CancellationToken cancellationToken)
    {
        // The root stays 0755 so the postgres OS user can reach the data directory below it.
        RemoveLeftovers();
        var root = Path.Combine(Path.GetTempPath(), $"{Prefix}{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);
        Directory.CreateDirectory(root);
        var options = new EmbeddedPostgresOptions
        {
            DataDirectory = Path.Combine(root, "data"),
            Port = FreePort.Next(),
            Durable = false,
            Settings = new Dictionary<string, string>(StringComparer.Ordinal) { ["max_connections"] = "300" },
        };
        try
        {
            _embedded = await EmbeddedPostgres.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (EmbeddedPostgresException ex)
        {
            throw new InvalidOperationException(
                $"No test PostgreSQL: set {EnvironmentVariable} to a superuser connection string, or fix the embedded server: {ex.Message}", ex);
        }

        // The test host may be killed right after the last test (so a ProcessExit handler cannot be
        // trusted to finish): a detached watchdog stops the server and removes the directory once
        // this process is gone, however it ended.
        CleanupWatchdog.Start(Environment.ProcessId, _embedded, root);
        return _embedded.ConnectionString;
    }

    // A test host killed before its exit handler finished leaves a directory behind: remove those
    // whose owning process is gone and whose server is not running.
    private static void RemoveLeftovers()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            var pidText = Path.GetFileName(directory)[Prefix.Length..].Split('-')[0];
            if (!int.TryParse(pidText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
                || Directory.Exists($"/proc/{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}")
                || File.Exists(Path.Combine(directory, "data", "postmaster.pid")))
            {
                continue;
            }

            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort; a later run tries again.
            }
        }
    }
}
