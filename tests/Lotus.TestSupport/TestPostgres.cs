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
        var root = Path.Combine(Path.GetTempPath(), $"lotus-test-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..32]);
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

        AppDomain.CurrentDomain.ProcessExit += (_, _) => StopEmbedded(root);
        return _embedded.ConnectionString;
    }

    private static void StopEmbedded(string root)
    {
        try
        {
            _embedded?.Stop();
            Directory.Delete(root, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or EmbeddedPostgresException)
        {
            Console.Error.WriteLine($"Test PostgreSQL in {root} was not cleaned up: {ex.Message}");
        }
    }
}
