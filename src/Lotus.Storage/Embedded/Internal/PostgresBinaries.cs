using System.Globalization;

namespace Lotus.Storage.Embedded.Internal;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl, postgres).</summary>
internal static class PostgresBinaries
{
    public const string InstallHint = "PostgreSQL server binaries not found: run `apt-get install -y postgresql`";

    public static string Locate(string? configured)
    {
        if (configured is not null)
        {
            return HasServerPrograms(configured)
                ? configured
                : throw new EmbeddedPostgresException($"{InstallHint} (the configured directory {configured} lacks initdb, pg_ctl or postgres).");
        }

        foreach (var candidate in Candidates())
        {
            if (HasServerPrograms(candidate))
            {
                return candidate;
            }
        }

        throw new EmbeddedPostgresException($"{InstallHint} (looked in /usr/lib/postgresql/*/bin and `pg_config --bindir`).");
    }

    private static IEnumerable<string> Candidates()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            // Highest major version first.
            var versions = Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .OrderByDescending(x => x.Version);
            foreach (var (dir, _) in versions)
            {
                yield return Path.Combine(dir, "bin");
            }
        }

        string? fromPgConfig = null;
        try
        {
            var result = ProcessRunner.Run("pg_config", ["--bindir"], asUser: null);
            if (result.ExitCode == 0)
            {
                fromPgConfig = result.StandardOutput.Trim();
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config is not installed: fall through to the error that says what to install.
        }

        if (!string.IsNullOrEmpty(fromPgConfig))
        {
            yield return fromPgConfig;
        }
    }

    private static bool HasServerPrograms(string directory)
        => File.Exists(Path.Combine(directory, "initdb"))
            && File.Exists(Path.Combine(directory, "pg_ctl"))
            && File.Exists(Path.Combine(directory, "postgres"));
}
