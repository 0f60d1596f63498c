using System.Globalization;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Text;

namespace Lotus.Storage.Embedded.Internal;

/// <summary>File-system side of the private cluster: directories, ownership, initdb, settings.</summary>
[UnsupportedOSPlatform("windows")]
internal static class ClusterSetup
{
    private const string SettingsFile = "lotus.conf";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string PasswordFilePath(string dataDirectory)
        => Path.Combine(Path.GetDirectoryName(dataDirectory)!, Path.GetFileName(dataDirectory) + ".password");

    /// <summary>Creates the data directory and hands it to the server user; explains unreachable paths.</summary>
    public static async Task PrepareDirectoryAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var parent = Path.GetDirectoryName(dataDirectory)!;
        Directory.CreateDirectory(parent);
        if (OsUser.IsRoot)
        {
            var reach = await ProcessRunner.RunAsync("test", ["-x", parent], OsUser.ServiceAccount, cancellationToken).ConfigureAwait(false);
            if (reach.ExitCode != 0)
            {
                throw new EmbeddedPostgresException(
                    $"The data directory {dataDirectory} is not reachable by the OS user '{OsUser.ServiceAccount}' that runs PostgreSQL "
                    + $"(PostgreSQL refuses to run as root){DescribeBlockingAncestor(parent)}. "
                    + "Choose a path it can reach, e.g. /var/lib/lotus/pgdata or /tmp/lotus/pgdata, or make the ancestors traversable (chmod o+x).");
            }
        }

        var created = !Directory.Exists(dataDirectory);
        Directory.CreateDirectory(dataDirectory);
        if (created || OsUser.IsRoot)
        {
            File.SetUnixFileMode(dataDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        if (OsUser.IsRoot)
        {
            await ChownAsync(dataDirectory, recursive: false, cancellationToken).ConfigureAwait(false);
        }
    }

    public static bool IsInitialised(string dataDirectory) => File.Exists(Path.Combine(dataDirectory, "PG_VERSION"));

    /// <summary>Runs initdb (UTF8, locale C, scram) with a generated password stored 0600 beside the data directory.</summary>
    public static async Task InitialiseAsync(string binDirectory, string dataDirectory, EmbeddedPostgresOptions options, CancellationToken cancellationToken)
    {
        if (Directory.EnumerateFileSystemEntries(dataDirectory).Any())
        {
            throw new EmbeddedPostgresException(
                $"The data directory {dataDirectory} is not empty and holds no PostgreSQL cluster (no PG_VERSION); refusing to initialise over it. Empty it or choose another path.");
        }

        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var passwordFile = PasswordFilePath(dataDirectory);
        await WriteOwnerOnlyAsync(passwordFile, password, cancellationToken).ConfigureAwait(false);

        // initdb reads the password from a file readable by the server user; it is removed right after.
        var initdbPasswordFile = Path.Combine(Path.GetDirectoryName(dataDirectory)!, $".initdb-{Guid.NewGuid():N}");
        await WriteOwnerOnlyAsync(initdbPasswordFile, password, cancellationToken).ConfigureAwait(false);
        try
        {
            if (OsUser.IsRoot)
            {
                await ChownAsync(initdbPasswordFile, recursive: false, cancellationToken).ConfigureAwait(false);
            }

            List<string> arguments =
            [
                "-D", dataDirectory, "-U", options.SuperUser, $"--pwfile={initdbPasswordFile}",
                "-E", "UTF8", "--locale=C", "--auth-local=scram-sha-256", "--auth-host=scram-sha-256",
            ];
            if (!options.Durable)
            {
                arguments.Add("--no-sync");
            }

            var result = await ProcessRunner.RunAsync(Path.Combine(binDirectory, "initdb"), arguments, OsUser.ServerUser, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new EmbeddedPostgresException($"initdb failed for {dataDirectory} (exit {result.ExitCode}): {result.Output}");
            }
        }
        finally
        {
            File.Delete(initdbPasswordFile);
        }

        await File.AppendAllTextAsync(
            Path.Combine(dataDirectory, "postgresql.conf"),
            $"{Environment.NewLine}# Written by Lotus EmbeddedPostgres: port, addresses and tuning live here.{Environment.NewLine}include_if_exists = '{SettingsFile}'{Environment.NewLine}",
            cancellationToken).ConfigureAwait(false);
    }

    public static string ReadPassword(string dataDirectory)
    {
        var passwordFile = PasswordFilePath(dataDirectory);
        return File.Exists(passwordFile)
            ? File.ReadAllText(passwordFile).Trim()
            : throw new EmbeddedPostgresException(
                $"The cluster in {dataDirectory} exists but its password file {passwordFile} is missing; restore it or remove the cluster to re-initialise.");
    }

    /// <summary>Writes <c>lotus.conf</c>: listen on 127.0.0.1 only, the port, the socket, tuning and extra settings.</summary>
    public static async Task WriteSettingsAsync(string dataDirectory, EmbeddedPostgresOptions options, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["listen_addresses"] = "127.0.0.1",
            ["port"] = options.Port.ToString(CultureInfo.InvariantCulture),
            ["unix_socket_directories"] = options.UnixSocket ? dataDirectory : string.Empty,
            ["unix_socket_permissions"] = "0700",
        };
        if (!options.Durable)
        {
            settings["fsync"] = "off";
            settings["synchronous_commit"] = "off";
            settings["full_page_writes"] = "off";
        }

        foreach (var (name, value) in options.Settings)
        {
            settings[name] = value;
        }

        var text = new StringBuilder("# Rewritten by Lotus EmbeddedPostgres at every start.\n");
        foreach (var (name, value) in settings)
        {
            text.Append(CultureInfo.InvariantCulture, $"{name} = '{value.Replace("'", "''", StringComparison.Ordinal)}'\n");
        }

        var path = Path.Combine(dataDirectory, SettingsFile);
        await File.WriteAllTextAsync(path, text.ToString(), cancellationToken).ConfigureAwait(false);
        if (OsUser.IsRoot)
        {
            await ChownAsync(path, recursive: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteOwnerOnlyAsync(string path, string content, CancellationToken cancellationToken)
    {
        await using (var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = OwnerOnly,
        }))
        {
            await stream.WriteAsync(Encoding.UTF8.GetBytes(content), cancellationToken).ConfigureAwait(false);
        }

        File.SetUnixFileMode(path, OwnerOnly);
    }

    private static async Task ChownAsync(string path, bool recursive, CancellationToken cancellationToken)
    {
        List<string> arguments = recursive ? ["-R"] : [];
        arguments.Add($"{OsUser.ServiceAccount}:{OsUser.ServiceAccount}");
        arguments.Add(path);
        var result = await ProcessRunner.RunAsync("chown", arguments, asUser: null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new EmbeddedPostgresException($"Cannot hand {path} to the OS user '{OsUser.ServiceAccount}': {result.Output}");
        }
    }

    private static string DescribeBlockingAncestor(string directory)
    {
        for (var current = directory; !string.IsNullOrEmpty(current); current = Path.GetDirectoryName(current))
        {
            var mode = File.GetUnixFileMode(current);
            if ((mode & UnixFileMode.OtherExecute) == 0)
            {
                return $": {current} has mode {Convert.ToString((int)mode, 8)} and does not let other users through";
            }
        }

        return string.Empty;
    }
}
