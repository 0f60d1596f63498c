using Npgsql;

namespace Lotus.Storage;

/// <summary>Server-level chores: create and drop databases, derive per-database connection strings.</summary>
public static class PostgresAdmin
{
    /// <summary>The same connection string pointed at another database.</summary>
    public static string WithDatabase(string connectionString, string database)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        return new NpgsqlConnectionStringBuilder(connectionString) { Database = database }.ConnectionString;
    }

    /// <summary>Creates <paramref name="database"/> unless it exists; returns true when it was created.</summary>
    public static async Task<bool> CreateDatabaseAsync(string adminConnectionString, string database, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection))
        {
            exists.Parameters.AddWithValue("name", database);
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return false;
            }
        }

        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(database)} ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Another starter created it between the check and the create.
            return false;
        }
    }

    /// <summary>Drops <paramref name="database"/> if it exists, disconnecting its sessions.</summary>
    public static async Task DropDatabaseAsync(string adminConnectionString, string database, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {QuoteIdentifier(database)} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Quotes an SQL identifier (doubles embedded quotes).</summary>
    public static string QuoteIdentifier(string identifier)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        return "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
