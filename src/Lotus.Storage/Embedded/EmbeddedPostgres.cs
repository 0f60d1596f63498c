using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Lotus.Storage.Embedded.Internal;
using Npgsql;

namespace Lotus.Storage.Embedded;

/// <summary>
/// A private PostgreSQL cluster owned by this process: initialised on first use, listening on
/// 127.0.0.1 only, run as the <c>postgres</c> OS user when the process is root, stopped
/// (<c>pg_ctl stop -m fast</c>) on dispose. It reuses a server already running from the same data
/// directory and never touches any other PostgreSQL.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    private readonly EmbeddedPostgresOptions _options;
    private readonly string _binDirectory;
    private readonly string _password;
    private int _stopped;

    private EmbeddedPostgres(EmbeddedPostgresOptions options, string binDirectory, string dataDirectory, int port, string password, int processId, bool startedHere)
    {
        _options = options;
        _binDirectory = binDirectory;
        _password = password;
        DataDirectory = dataDirectory;
        Port = port;
        ProcessId = processId;
        StartedByThisInstance = startedHere;
    }

    /// <summary>The cluster's data directory (absolute).</summary>
    public string DataDirectory { get; }

    /// <summary>The TCP port on 127.0.0.1 (that of the running server when one was reused).</summary>
    public int Port { get; }

    /// <summary>The directory holding <c>pg_ctl</c> and the other server programs in use.</summary>
    public string BinDirectory => _binDirectory;

    /// <summary>The OS user the server runs as (<c>postgres</c> when this process is root), or null for the current user.</summary>
    public static string? ServerOsUser => OsUser.ServerUser;

    /// <summary>The postmaster's process id.</summary>
    public int ProcessId { get; }

    /// <summary>True when this instance started the server; false when it reused a running one.</summary>
    public bool StartedByThisInstance { get; }

    /// <summary>Superuser connection string to the <c>postgres</c> database.</summary>
    public string ConnectionString => GetConnectionString("postgres");

    /// <summary>Superuser connection string to <paramref name="database"/>.</summary>
    public string GetConnectionString(string database)
        => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = _options.SuperUser,
            Password = _password,
            Database = database,
        }.ConnectionString;

    /// <summary>Creates <paramref name="database"/> unless it exists; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string database, CancellationToken cancellationToken = default)
    {
        await PostgresAdmin.CreateDatabaseAsync(ConnectionString, database, cancellationToken).ConfigureAwait(false);
        return GetConnectionString(database);
    }

    /// <summary>Drops <paramref name="database"/> if it exists.</summary>
    public Task DropDatabaseAsync(string database, CancellationToken cancellationToken = default)
        => PostgresAdmin.DropDatabaseAsync(ConnectionString, database, cancellationToken);

    /// <summary>Initialises the cluster when needed and starts it (or reuses it when already running).</summary>
    public static async Task<EmbeddedPostgres> StartAsync(EmbeddedPostgresOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.Port);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("EmbeddedPostgres runs PostgreSQL's Unix tools; on Windows point the host at a server instead.");
        }

        var binDirectory = PostgresBinaries.Locate(options.BinDirectory);
        if (OsUser.IsRoot && !OsUser.ServiceAccountExists())
        {
            throw new EmbeddedPostgresException(
                $"PostgreSQL refuses to run as root and the OS user '{OsUser.ServiceAccount}' does not exist: run `apt-get install -y postgresql` (it creates the account).");
        }

        var dataDirectory = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.DataDirectory));
        await ClusterSetup.PrepareDirectoryAsync(dataDirectory, cancellationToken).ConfigureAwait(false);
        using var startLock = await StartLock.AcquireAsync(dataDirectory, options.StartTimeout * 2, cancellationToken).ConfigureAwait(false);

        var running = PostmasterPidFile.TryRead(dataDirectory);
        if (running is not null && running.IsProcessAlive())
        {
            if (!string.Equals(Path.TrimEndingDirectorySeparator(running.DataDirectory), dataDirectory, StringComparison.Ordinal))
            {
                throw new EmbeddedPostgresException(
                    $"{dataDirectory}/postmaster.pid names process {running.ProcessId} serving {running.DataDirectory}, not this data directory; refusing to touch a server this process did not set up.");
            }

            var reused = new EmbeddedPostgres(options, binDirectory, dataDirectory, running.Port, ClusterSetup.ReadPassword(dataDirectory), running.ProcessId, startedHere: false);
            await reused.WaitUntilAcceptingAsync(cancellationToken).ConfigureAwait(false);
            return reused;
        }

        if (!ClusterSetup.IsInitialised(dataDirectory))
        {
            await ClusterSetup.InitialiseAsync(binDirectory, dataDirectory, options, cancellationToken).ConfigureAwait(false);
        }

        var password = ClusterSetup.ReadPassword(dataDirectory);
        EnsurePortFree(options.Port);
        await ClusterSetup.WriteSettingsAsync(dataDirectory, options, cancellationToken).ConfigureAwait(false);

        var logFile = Path.Combine(dataDirectory, "postgres.log");
        var seconds = Math.Max(1, (int)options.StartTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var start = await ProcessRunner.RunAsync(
            Path.Combine(binDirectory, "pg_ctl"),
            ["start", "-D", dataDirectory, "-l", logFile, "-w", "-t", seconds, "-s"],
            OsUser.ServerUser,
            cancellationToken).ConfigureAwait(false);
        if (start.ExitCode != 0)
        {
            throw new EmbeddedPostgresException(
                $"pg_ctl could not start PostgreSQL in {dataDirectory} on 127.0.0.1:{options.Port} (exit {start.ExitCode}): {start.Output}{Environment.NewLine}Server log ({logFile}):{Environment.NewLine}{Tail(logFile)}");
        }

        var started = PostmasterPidFile.TryRead(dataDirectory)
            ?? throw new EmbeddedPostgresException($"PostgreSQL started in {dataDirectory} but wrote no postmaster.pid.");
        var instance = new EmbeddedPostgres(options, binDirectory, dataDirectory, started.Port, password, started.ProcessId, startedHere: true);
        await instance.WaitUntilAcceptingAsync(cancellationToken).ConfigureAwait(false);
        return instance;
    }

    /// <summary>Stops the server (fast shutdown) if this instance started it and it is still ours.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0 || !StartedByThisInstance)
        {
            return;
        }

        var current = PostmasterPidFile.TryRead(DataDirectory);
        if (current is null || current.ProcessId != ProcessId)
        {
            return; // Already stopped, or another server now owns the directory: not ours to stop.
        }

        var result = await ProcessRunner.RunAsync(
            Path.Combine(_binDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-s"], OsUser.ServerUser, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 && PostmasterPidFile.TryRead(DataDirectory) is not null)
        {
            throw new EmbeddedPostgresException($"pg_ctl stop failed for {DataDirectory} (exit {result.ExitCode}): {result.Output}");
        }
    }

    /// <summary>True while the postmaster process is running.</summary>
    public bool IsRunning => PostmasterPidFile.IsLivePostgres(ProcessId);

    /// <summary>Synchronous stop for process-exit handlers.</summary>
    public void Stop() => StopAsync().GetAwaiter().GetResult();

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_options.StopOnDispose)
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    private static void EnsurePortFree(int port)
    {
        try
        {
            using var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
        }
        catch (SocketException ex)
        {
            throw new EmbeddedPostgresException(
                $"Port {port} on 127.0.0.1 is already in use by another process; the embedded PostgreSQL will not share it. Choose another port (EmbeddedPostgresOptions.Port).", ex);
        }
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        // pg_ctl -w already waited; this proves our password and the TCP listener, retrying briefly for a server still in recovery.
        var deadline = DateTime.UtcNow + _options.StartTimeout;
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException ex)
            {
                throw new EmbeddedPostgresException($"PostgreSQL in {DataDirectory} does not accept connections on 127.0.0.1:{Port}: {ex.Message}", ex);
            }
        }
    }

    private static string Tail(string logFile)
    {
        try
        {
            return string.Join(Environment.NewLine, File.ReadLines(logFile).TakeLast(20));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}
