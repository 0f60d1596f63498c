using Lotus.Storage.Internal;
using Npgsql;

namespace Lotus.Storage;

/// <summary>
/// Applies ordered SQL migrations at start-up: each in its own transaction, recorded with its
/// SHA-256 in <c>lotus_schema_migrations</c>; an edited applied migration is refused; concurrent
/// starters are serialised by a session advisory lock. Because every script runs inside a
/// transaction, statements that refuse one (<c>CREATE INDEX CONCURRENTLY</c>, <c>VACUUM</c>) cannot
/// be used in migrations.
/// </summary>
public static class MigrationRunner
{
    /// <summary>The table recording applied migrations.</summary>
    public const string TableName = "lotus_schema_migrations";

    // Arbitrary fixed key ("LotusMig") shared by every process that migrates this database.
    private const long AdvisoryLockKey = 0x4C6F7475734D6967;

    /// <summary>Applies the embedded product migrations; returns those applied by this call.</summary>
    public static Task<IReadOnlyList<Migration>> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
        => ApplyAsync(dataSource, MigrationSet.Embedded, cancellationToken);

    /// <summary>
    /// Applies the pending migrations of <paramref name="migrations"/>; returns those applied by this
    /// call (empty when the database was already up to date). Throws <see cref="MigrationException"/>
    /// when an applied migration was edited or the database holds one this build does not know.
    /// </summary>
    public static async Task<IReadOnlyList<Migration>> ApplyAsync(
        NpgsqlDataSource dataSource, MigrationSet migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(migrations);

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            await EnsureTableAsync(connection, cancellationToken).ConfigureAwait(false);
            var applied = await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false);
            var status = Compare(migrations, applied);
            if (status.Problems.Count > 0)
            {
                throw new MigrationException(string.Join(Environment.NewLine, status.Problems));
            }

            var done = new List<Migration>();
            foreach (var migration in status.Pending)
            {
                await ApplyOneAsync(connection, migration, cancellationToken).ConfigureAwait(false);
                done.Add(migration);
            }

            return done;
        }
        finally
        {
            // Unlock even when cancelled: the connection goes back to the pool.
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Compares the database with the embedded product migrations, changing nothing.</summary>
    public static Task<MigrationStatus> GetStatusAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
        => GetStatusAsync(dataSource, MigrationSet.Embedded, cancellationToken);

    /// <summary>Compares the database with <paramref name="migrations"/>, changing nothing.</summary>
    public static async Task<MigrationStatus> GetStatusAsync(
        NpgsqlDataSource dataSource, MigrationSet migrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(migrations);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var exists = new NpgsqlCommand("SELECT to_regclass(@table) IS NOT NULL", connection))
        {
            exists.Parameters.AddWithValue("table", TableName);
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
            {
                return new MigrationStatus([], migrations.Migrations, []);
            }
        }

        return Compare(migrations, await ReadAppliedAsync(connection, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>True when every embedded migration is applied and none was edited (readiness).</summary>
    public static async Task<bool> IsUpToDateAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
        => (await GetStatusAsync(dataSource, cancellationToken).ConfigureAwait(false)).IsUpToDate;

    private static MigrationStatus Compare(MigrationSet migrations, IReadOnlyList<AppliedMigrationRow> applied)
    {
        var known = migrations.Migrations.ToDictionary(m => m.Version);
        var problems = new List<string>();
        var appliedKnown = new List<Migration>();
        foreach (var row in applied)
        {
            if (!known.TryGetValue(row.Version, out var migration))
            {
                problems.Add($"The database has migration {row.Version:D4}_{row.Name}.sql applied, which this build does not contain (the database is newer than this build).");
                continue;
            }

            if (!string.Equals(migration.Name, row.Name, StringComparison.Ordinal))
            {
                problems.Add($"Migration {row.Version:D4} was applied as {row.Version:D4}_{row.Name}.sql but this build names it {migration.FileName}; applied migrations must never be renamed.");
            }

            if (!string.Equals(migration.Checksum, row.Checksum, StringComparison.Ordinal))
            {
                problems.Add($"Migration {migration.FileName} was edited after it was applied: applied checksum {row.Checksum}, file checksum {migration.Checksum}. Restore the original file and add a new migration instead.");
            }

            appliedKnown.Add(migration);
        }

        var appliedVersions = applied.Select(a => a.Version).ToHashSet();
        // A pending version below an applied one (two branches merged) is still applied, after the others.
        var pending = migrations.Migrations.Where(m => !appliedVersions.Contains(m.Version)).ToList();
        return new MigrationStatus(appliedKnown, pending, problems);
    }

    private static async Task ApplyOneAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var script = new NpgsqlCommand(migration.Sql, connection, transaction))
            {
                await script.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = new NpgsqlCommand(
                $"INSERT INTO {TableName} (version, name, checksum) VALUES (@version, @name, @checksum)", connection, transaction))
            {
                record.Parameters.AddWithValue("version", migration.Version);
                record.Parameters.AddWithValue("name", migration.Name);
                record.Parameters.AddWithValue("checksum", migration.Checksum);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex)
        {
            throw new MigrationException($"Migration {migration.FileName} failed and was rolled back: {ex.MessageText} (SQLSTATE {ex.SqlState}).", ex);
        }
    }

    private static async Task EnsureTableAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
        => await ExecuteAsync(connection, $"""
            CREATE TABLE IF NOT EXISTS {TableName} (
                version    integer PRIMARY KEY,
                name       text NOT NULL,
                checksum   text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken).ConfigureAwait(false);

    private static async Task<IReadOnlyList<AppliedMigrationRow>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT version, name, checksum FROM {TableName} ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<AppliedMigrationRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new AppliedMigrationRow(reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
