using Lotus.Storage;
using Lotus.TestSupport;
using Npgsql;

namespace Lotus.Storage.Tests;

[TestFixture]
public sealed class MigrationRunnerTests
{
    private static MigrationSet Set(params (string File, string Sql)[] scripts)
        => MigrationSet.FromScripts(scripts.Select(s => new KeyValuePair<string, string>(s.File, s.Sql)));

    private static readonly (string, string) First = ("0001_create_a.sql", "CREATE TABLE a (id int PRIMARY KEY);");
    private static readonly (string, string) Second = ("0002_create_b.sql", "CREATE TABLE b (id int PRIMARY KEY); INSERT INTO b VALUES (1);");

    [Test]
    public async Task FreshDatabase_AppliesAllInOrderAndRecordsChecksums()
    {
        await using var db = await TestDatabase.CreateAsync();
        var set = Set(Second, First);

        var applied = await MigrationRunner.ApplyAsync(db.DataSource, set);

        Assert.That(applied.Select(m => m.FileName), Is.EqualTo(new[] { "0001_create_a.sql", "0002_create_b.sql" }));
        await using var command = db.DataSource.CreateCommand($"SELECT version, checksum FROM {MigrationRunner.TableName} ORDER BY version");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetString(1)));
        }

        Assert.That(rows, Is.EqualTo(new[] { (1, set.Migrations[0].Checksum), (2, set.Migrations[1].Checksum) }));
        Assert.That(set.Migrations[0].Checksum, Has.Length.EqualTo(64));
    }

    [Test]
    public async Task SecondRun_IsNoOp()
    {
        await using var db = await TestDatabase.CreateAsync();
        var set = Set(First, Second);
        await MigrationRunner.ApplyAsync(db.DataSource, set);

        var again = await MigrationRunner.ApplyAsync(db.DataSource, set);

        Assert.That(again, Is.Empty);
        Assert.That(await CountAsync(db.DataSource, "SELECT count(*) FROM b"), Is.EqualTo(1));
    }

    [Test]
    public async Task NewMigration_OnlyItIsApplied()
    {
        await using var db = await TestDatabase.CreateAsync();
        await MigrationRunner.ApplyAsync(db.DataSource, Set(First));

        var applied = await MigrationRunner.ApplyAsync(db.DataSource, Set(First, Second));

        Assert.That(applied.Select(m => m.Version), Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public async Task EditedAppliedMigration_IsRefusedNamingFileAndBothChecksums()
    {
        await using var db = await TestDatabase.CreateAsync();
        var original = Set(First);
        await MigrationRunner.ApplyAsync(db.DataSource, original);
        var edited = Set(("0001_create_a.sql", "CREATE TABLE a (id bigint PRIMARY KEY);"), Second);

        var ex = Assert.ThrowsAsync<MigrationException>(() => MigrationRunner.ApplyAsync(db.DataSource, edited));

        Assert.That(ex!.Message, Does.Contain("0001_create_a.sql"));
        Assert.That(ex.Message, Does.Contain(original.Migrations[0].Checksum));
        Assert.That(ex.Message, Does.Contain(edited.Migrations[0].Checksum));
        Assert.That(await CountAsync(db.DataSource, "SELECT count(*) FROM pg_tables WHERE tablename = 'b'"), Is.Zero, "nothing after the refusal is applied");
    }

    [Test]
    public async Task LineEndingsOnly_AreNotAnEdit()
    {
        await using var db = await TestDatabase.CreateAsync();
        await MigrationRunner.ApplyAsync(db.DataSource, Set(("0001_x.sql", "CREATE TABLE x (id int);\nCREATE TABLE y (id int);\n")));

        var applied = await MigrationRunner.ApplyAsync(db.DataSource, Set(("0001_x.sql", "CREATE TABLE x (id int);\r\nCREATE TABLE y (id int);\r\n")));

        Assert.That(applied, Is.Empty);
    }

    [Test]
    public async Task FailingMigration_RollsBackAndReportsFile()
    {
        await using var db = await TestDatabase.CreateAsync();
        var set = Set(First, ("0002_broken.sql", "CREATE TABLE c (id int); SELECT * FROM no_such_table;"));

        var ex = Assert.ThrowsAsync<MigrationException>(() => MigrationRunner.ApplyAsync(db.DataSource, set));

        Assert.That(ex!.Message, Does.Contain("0002_broken.sql").And.Contain("no_such_table"));
        Assert.That(await CountAsync(db.DataSource, "SELECT count(*) FROM pg_tables WHERE tablename = 'c'"), Is.Zero);
        var status = await MigrationRunner.GetStatusAsync(db.DataSource, set);
        Assert.That(status.Applied.Select(m => m.Version), Is.EqualTo(new[] { 1 }));
        Assert.That(status.Pending.Select(m => m.Version), Is.EqualTo(new[] { 2 }));
    }

    [Test]
    public async Task DatabaseNewerThanBuild_IsRefused()
    {
        await using var db = await TestDatabase.CreateAsync();
        await MigrationRunner.ApplyAsync(db.DataSource, Set(First, Second));

        var ex = Assert.ThrowsAsync<MigrationException>(() => MigrationRunner.ApplyAsync(db.DataSource, Set(First)));

        Assert.That(ex!.Message, Does.Contain("0002_create_b.sql").And.Contain("does not contain"));
    }

    [Test]
    public async Task Status_ReportsPendingThenUpToDate()
    {
        await using var db = await TestDatabase.CreateAsync();
        var set = Set(First, Second);

        var before = await MigrationRunner.GetStatusAsync(db.DataSource, set);
        await MigrationRunner.ApplyAsync(db.DataSource, set);
        var after = await MigrationRunner.GetStatusAsync(db.DataSource, set);

        Assert.That(before.IsUpToDate, Is.False);
        Assert.That(before.Pending, Has.Count.EqualTo(2));
        Assert.That(after.IsUpToDate, Is.True);
    }

    [Test]
    public async Task Status_EditedMigration_IsNotUpToDate()
    {
        await using var db = await TestDatabase.CreateAsync();
        await MigrationRunner.ApplyAsync(db.DataSource, Set(First));

        var status = await MigrationRunner.GetStatusAsync(db.DataSource, Set(("0001_create_a.sql", "-- edited\n" + First.Item2)));

        Assert.That(status.IsUpToDate, Is.False);
        Assert.That(status.Problems.Single(), Does.Contain("0001_create_a.sql"));
    }

    [Test]
    public async Task ConcurrentStarters_ApplyEachMigrationOnce()
    {
        await using var db = await TestDatabase.CreateAsync();
        // A migration that fails if run twice (plain CREATE TABLE) and takes a moment, so starters overlap.
        var set = Set(("0001_slow.sql", "SELECT pg_sleep(0.3); CREATE TABLE slow (id int);"), Second);
        var sources = Enumerable.Range(0, 4).Select(_ => db.CreateDataSource()).ToList();
        try
        {
            var results = await Task.WhenAll(sources.Select(s => MigrationRunner.ApplyAsync(s, set)));

            Assert.That(results.Sum(r => r.Count), Is.EqualTo(2), "each migration applied by exactly one starter");
            Assert.That(results.Count(r => r.Count == 2), Is.EqualTo(1));
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Test]
    public async Task EmbeddedProductMigrations_ApplyAndReportUpToDate()
    {
        await using var db = await TestDatabase.CreateAsync();

        var applied = await MigrationRunner.ApplyAsync(db.DataSource);

        Assert.That(applied, Is.Not.Empty);
        Assert.That(applied.Select(m => m.FileName), Does.Contain("0001_event_log.sql"));
        Assert.That(await MigrationRunner.IsUpToDateAsync(db.DataSource), Is.True);
    }

    [Test]
    public void BadFileName_IsRejectedWithTheExpectedShape()
    {
        var ex = Assert.Throws<ArgumentException>(() => MigrationSet.Parse("1_bad.sql", "SELECT 1"));

        Assert.That(ex!.Message, Does.Contain("NNNN_lower_snake_name.sql"));
    }

    [Test]
    public void DuplicateVersions_AreRejected()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Set(("0001_a.sql", "SELECT 1"), ("0001_b.sql", "SELECT 2")));

        Assert.That(ex!.Message, Does.Contain("0001_a.sql").And.Contain("0001_b.sql"));
    }

    private static async Task<long> CountAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
