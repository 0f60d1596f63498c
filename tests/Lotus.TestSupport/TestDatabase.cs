using Lotus.Storage;
using Npgsql;

namespace Lotus.TestSupport;

/// <summary>
/// A fresh, uniquely named database on the run's server, dropped on dispose:
/// <c>await using var db = await TestDatabase.CreateAsync(migrate: true);</c>
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _serverConnectionString;

    private TestDatabase(string serverConnectionString, string name, string connectionString)
    {
        _serverConnectionString = serverConnectionString;
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>The database name (<c>lotus_test_…</c>).</summary>
    public string Name { get; }

    /// <summary>Connection string to this database (superuser, password included).</summary>
    public string ConnectionString { get; }

    /// <summary>A data source on this database.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>
    /// Creates the database; with <paramref name="migrate"/> applies <paramref name="migrations"/>
    /// (the product's embedded migrations when null).
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate = false, MigrationSet? migrations = null, CancellationToken cancellationToken = default)
    {
        var server = await TestPostgres.GetServerConnectionStringAsync(cancellationToken).ConfigureAwait(false);
        var name = $"lotus_test_{Guid.NewGuid():N}";
        await PostgresAdmin.CreateDatabaseAsync(server, name, cancellationToken).ConfigureAwait(false);
        var database = new TestDatabase(server, name, PostgresAdmin.WithDatabase(server, name));
        if (migrate)
        {
            try
            {
                await MigrationRunner.ApplyAsync(database.DataSource, migrations ?? MigrationSet.Embedded, cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await database.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        return database;
    }

    /// <summary>A new data source on this database (e.g. to act as a second server process).</summary>
    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync().ConfigureAwait(false);
        await PostgresAdmin.DropDatabaseAsync(_serverConnectionString, Name).ConfigureAwait(false);
    }
}
