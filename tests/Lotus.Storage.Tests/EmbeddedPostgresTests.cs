using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Lotus.Storage.Embedded;
using Lotus.TestSupport;
using Npgsql;

namespace Lotus.Storage.Tests;

[TestFixture]
[NonParallelizable]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class EmbeddedPostgresTests
{
    private string _root = null!;
    private EmbeddedPostgres _server = null!;

    [OneTimeSetUp]
    public async Task StartSharedCluster()
    {
        _root = Path.Combine(Path.GetTempPath(), $"lotus-embedded-test-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_root);
        _server = await EmbeddedPostgres.StartAsync(Options("shared"));
    }

    [OneTimeTearDown]
    public async Task StopSharedCluster()
    {
        await _server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Test]
    public async Task Start_ListensOnLoopbackOnlyWithUtf8AndLocaleC()
    {
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        await connection.OpenAsync();

        Assert.That(await ScalarAsync(connection, "SHOW listen_addresses"), Is.EqualTo("127.0.0.1"));
        Assert.That(await ScalarAsync(connection, "SHOW port"), Is.EqualTo(_server.Port.ToString(CultureInfo.InvariantCulture)));
        Assert.That(await ScalarAsync(connection, "SHOW server_encoding"), Is.EqualTo("UTF8"));
        Assert.That(await ScalarAsync(connection, "SELECT datcollate FROM pg_database WHERE datname = 'postgres'"), Is.EqualTo("C"));
        Assert.That(await ScalarAsync(connection, "SHOW unix_socket_directories"), Is.EqualTo(_server.DataDirectory));
        Assert.That(_server.StartedByThisInstance, Is.True);
        Assert.That(_server.IsRunning, Is.True);
    }

    [Test]
    public void Start_PasswordFileIsOwnerOnlyBesideDataDirectory()
    {
        var passwordFile = _server.DataDirectory + ".password";

        Assert.That(File.Exists(passwordFile), Is.True);
        Assert.That(File.GetUnixFileMode(passwordFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public async Task Start_WrongPassword_IsRejected()
    {
        var wrong = new NpgsqlConnectionStringBuilder(_server.ConnectionString) { Password = "not-the-password" }.ConnectionString;
        await using var connection = new NpgsqlConnection(wrong);

        var ex = Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync());

        Assert.That(ex!.SqlState, Is.EqualTo(PostgresErrorCodes.InvalidPassword));
    }

    [Test]
    public void Start_AsRoot_ServerRunsAsPostgresUser()
    {
        if (EmbeddedPostgres.ServerOsUser is null)
        {
            Assert.Ignore("Not running as root: the server runs as the current user, which is what this test would check against.");
        }

        var uidLine = File.ReadLines($"/proc/{_server.ProcessId}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal));
        var postgresUid = File.ReadLines("/etc/passwd").First(l => l.StartsWith("postgres:", StringComparison.Ordinal)).Split(':')[2];

        Assert.That(uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], Is.EqualTo(postgresUid));
    }

    [Test]
    public async Task SecondStart_SameDataDirectory_ReusesRunningServerAndLeavesItRunning()
    {
        var reused = await EmbeddedPostgres.StartAsync(Options("shared", FreePort.Next()));
        Assert.That(reused.StartedByThisInstance, Is.False);
        Assert.That(reused.ProcessId, Is.EqualTo(_server.ProcessId));
        Assert.That(reused.Port, Is.EqualTo(_server.Port), "the running server's port wins over the requested one");

        await reused.DisposeAsync();

        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        Assert.DoesNotThrowAsync(() => connection.OpenAsync());
    }

    [Test]
    public async Task CreateAndDropDatabase_Work()
    {
        var connectionString = await _server.CreateDatabaseAsync("embedded_helper_db");
        var again = await _server.CreateDatabaseAsync("embedded_helper_db");
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            Assert.That(await ScalarAsync(connection, "SELECT current_database()"), Is.EqualTo("embedded_helper_db"));
        }

        await _server.DropDatabaseAsync("embedded_helper_db");

        Assert.That(again, Is.EqualTo(connectionString));
        await using var admin = new NpgsqlConnection(_server.ConnectionString);
        await admin.OpenAsync();
        Assert.That(await ScalarAsync(admin, "SELECT count(*)::text FROM pg_database WHERE datname = 'embedded_helper_db'"), Is.EqualTo("0"));
    }

    [Test]
    public async Task Dispose_StopsServer_AndRestartKeepsData()
    {
        var first = await EmbeddedPostgres.StartAsync(Options("restart"));
        await first.CreateDatabaseAsync("kept");
        var dataDirectory = first.DataDirectory;
        await first.DisposeAsync();

        Assert.That(File.Exists(Path.Combine(dataDirectory, "postmaster.pid")), Is.False, "stopped cleanly");
        Assert.That(first.IsRunning, Is.False);

        await using var second = await EmbeddedPostgres.StartAsync(Options("restart", FreePort.Next()));
        await using var connection = new NpgsqlConnection(second.GetConnectionString("kept"));
        Assert.DoesNotThrowAsync(() => connection.OpenAsync());
        Assert.That(second.StartedByThisInstance, Is.True);
    }

    [Test]
    public async Task ConcurrentStartsOnOneDirectory_InitialiseAndStartOnce_OthersReuse()
    {
        var options = Options("concurrent");

        var servers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => EmbeddedPostgres.StartAsync(options))));
        try
        {
            Assert.That(servers.Count(s => s.StartedByThisInstance), Is.EqualTo(1));
            Assert.That(servers.Select(s => s.ProcessId).Distinct().Count(), Is.EqualTo(1));
            foreach (var server in servers)
            {
                await using var connection = new NpgsqlConnection(server.ConnectionString);
                Assert.DoesNotThrowAsync(() => connection.OpenAsync());
            }
        }
        finally
        {
            foreach (var server in servers.OrderBy(s => s.StartedByThisInstance))
            {
                await server.DisposeAsync();
            }
        }
    }

    [Test]
    public void PortInUse_IsRefusedWithClearMessage()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var port = ((IPEndPoint)squatter.LocalEndpoint).Port;

        var ex = Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(Options("busy", port)));

        Assert.That(ex!.Message, Does.Contain($"Port {port}").And.Contain("already in use"));
    }

    [Test]
    public void MissingBinaries_SayWhatToInstall()
    {
        var empty = Directory.CreateDirectory(Path.Combine(_root, "no-bin")).FullName;
        var options = new EmbeddedPostgresOptions { DataDirectory = Path.Combine(_root, "unused"), BinDirectory = empty, Port = FreePort.Next() };

        var ex = Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(options));

        Assert.That(ex!.Message, Does.Contain("PostgreSQL server binaries not found: run `apt-get install -y postgresql`"));
    }

    [Test]
    public void UnreachableDataDirectory_IsExplainedWithASuggestedPath()
    {
        if (EmbeddedPostgres.ServerOsUser is null)
        {
            Assert.Ignore("Not running as root: the server runs as the current user, so no directory is out of its reach here.");
        }

        var locked = Directory.CreateDirectory(Path.Combine(_root, "locked")).FullName;
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new EmbeddedPostgresOptions { DataDirectory = Path.Combine(locked, "inner", "data"), Port = FreePort.Next() };

        var ex = Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(options));

        Assert.That(ex!.Message, Does.Contain("not reachable by the OS user 'postgres'").And.Contain(locked).And.Contain("/var/lib/lotus/pgdata"));
    }

    [Test]
    public async Task PidFileOfAnotherDataDirectory_IsRefused()
    {
        var foreign = Directory.CreateDirectory(Path.Combine(_root, "foreign")).FullName;
        // A live postmaster (the shared one) claims this directory through a copied pid file.
        await File.WriteAllTextAsync(Path.Combine(foreign, "postmaster.pid"), await File.ReadAllTextAsync(Path.Combine(_server.DataDirectory, "postmaster.pid")));

        var ex = Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(Options("foreign")));

        Assert.That(ex!.Message, Does.Contain("refusing to touch"));
        await using var connection = new NpgsqlConnection(_server.ConnectionString);
        Assert.DoesNotThrowAsync(() => connection.OpenAsync(), "the other server was left alone");
    }

    [Test]
    public void NonEmptyDirectoryWithoutCluster_IsNotInitialisedOver()
    {
        var data = Directory.CreateDirectory(Path.Combine(_root, "occupied")).FullName;
        File.WriteAllText(Path.Combine(data, "precious.txt"), "keep me");

        var ex = Assert.ThrowsAsync<EmbeddedPostgresException>(() => EmbeddedPostgres.StartAsync(Options("occupied")));

        Assert.That(ex!.Message, Does.Contain("not empty"));
        Assert.That(File.ReadAllText(Path.Combine(data, "precious.txt")), Is.EqualTo("keep me"));
    }

    private EmbeddedPostgresOptions Options(string name, int? port = null) => new()
    {
        DataDirectory = Path.Combine(_root, name),
        Port = port ?? FreePort.Next(),
        Durable = false,
    };

    private static async Task<string?> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
