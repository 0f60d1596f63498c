using Lotus.Storage;
using Lotus.Storage.Embedded;
using Npgsql;

namespace Lotus.Host.Hosting;

/// <summary>
/// Resolves the database the server runs on: an external PostgreSQL named by configuration, or the
/// private cluster under the embedded data directory, started here and stopped with the server.
/// Applies migrations either way.
/// </summary>
internal sealed class DatabaseBootstrap : IAsyncDisposable
{
    private readonly EmbeddedPostgres? embedded;

    private DatabaseBootstrap(string connectionString, EmbeddedPostgres? embedded, IReadOnlyList<Migration> applied)
    {
        ConnectionString = connectionString;
        this.embedded = embedded;
        Applied = applied;
    }

    public string ConnectionString { get; }

    public IReadOnlyList<Migration> Applied { get; }

    /// <summary>A description for the start-up banner (no password).</summary>
    public string Description => embedded is null
        ? "external PostgreSQL " + Redact(ConnectionString)
        : $"private PostgreSQL 127.0.0.1:{embedded.Port} (data {embedded.DataDirectory})";

    public static async Task<DatabaseBootstrap> StartAsync(LotusSettings settings, CancellationToken cancellationToken)
    {
        EmbeddedPostgres? embedded = null;
        string connectionString;
        if (!string.IsNullOrWhiteSpace(settings.Database.ConnectionString))
        {
            connectionString = settings.Database.ConnectionString;
        }
        else
        {
            embedded = await EmbeddedPostgres.StartAsync(
                new EmbeddedPostgresOptions
                {
                    DataDirectory = Path.Combine(Path.GetFullPath(settings.Embedded.DataDirectory), "pg"),
                    Port = settings.Embedded.PostgresPort,
                },
                cancellationToken).ConfigureAwait(false);
            connectionString = await embedded.CreateDatabaseAsync(settings.Embedded.DatabaseName, cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connectionString);
            var applied = await MigrationRunner.ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false);
            return new DatabaseBootstrap(connectionString, embedded, applied);
        }
        catch
        {
            if (embedded is not null)
            {
                await embedded.DisposeAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (embedded is not null)
        {
            await embedded.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Redact(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Password = null };
        return builder.ConnectionString;
    }
}
