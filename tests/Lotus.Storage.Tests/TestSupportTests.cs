using Lotus.TestSupport;
using Npgsql;

namespace Lotus.Storage.Tests;

[TestFixture]
public sealed class TestSupportTests
{
    [Test]
    public async Task TestDatabase_IsFreshPerFixture_AndDroppedOnDispose()
    {
        var server = await TestPostgres.GetServerConnectionStringAsync();
        string name;
        await using (var first = await TestDatabase.CreateAsync())
        await using (var second = await TestDatabase.CreateAsync())
        {
            name = first.Name;
            Assert.That(second.Name, Is.Not.EqualTo(first.Name));
            await using var command = first.DataSource.CreateCommand("SELECT current_database()");
            Assert.That(await command.ExecuteScalarAsync(), Is.EqualTo(first.Name));
        }

        await using var admin = new NpgsqlConnection(server);
        await admin.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @n", admin);
        exists.Parameters.AddWithValue("n", name);
        Assert.That(await exists.ExecuteScalarAsync(), Is.Zero);
    }

    [Test]
    public async Task TestDatabase_Migrate_AppliesProductMigrations()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: true);

        Assert.That(await MigrationRunner.IsUpToDateAsync(db.DataSource), Is.True);
    }

    [Test]
    public void Prerequisites_MessageSaysWhatToRun()
        => Assert.That(
            Prerequisites.Message("python3-grpcio", "apt-get install -y python3-grpcio"),
            Is.EqualTo("python3-grpcio missing: run apt-get install -y python3-grpcio"));

    [Test]
    public void Prerequisites_FindOnPath_FindsShellAndNotNonsense()
    {
        Assert.That(Prerequisites.FindOnPath("sh"), Is.Not.Null);
        Assert.That(Prerequisites.FindOnPath("no-such-command-lotus"), Is.Null);
        Assert.That(Prerequisites.Succeeds("/bin/sh", "-c", "exit 3"), Is.False);
    }
}
