using System.Globalization;

namespace Lotus.Storage.Embedded.Internal;

/// <summary>
/// The <c>postmaster.pid</c> a running server keeps in its data directory: line 1 the pid, line 2
/// the data directory, line 4 the port (PostgreSQL's pidfile.h layout).
/// </summary>
internal sealed record PostmasterPidFile(int ProcessId, string DataDirectory, int Port)
{
    public static PostmasterPidFile? TryRead(string dataDirectory)
    {
        var path = Path.Combine(dataDirectory, "postmaster.pid");
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }

        if (lines.Length < 4
            || !int.TryParse(lines[0].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(lines[3].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var port))
        {
            return null;
        }

        return new PostmasterPidFile(pid, lines[1].Trim(), port);
    }

    /// <summary>True when the pid is a live <c>postgres</c> process (not a stale file from a crash).</summary>
    public bool IsProcessAlive() => IsLivePostgres(ProcessId);

    /// <summary>
    /// True for a running process named postgres. A zombie (exited, not yet reaped: common in
    /// containers whose init does not reap re-parented daemons) does not count.
    /// </summary>
    public static bool IsLivePostgres(int processId)
    {
        var proc = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ..."; the state follows the last ')'.
            var stat = File.ReadAllText(proc + "/stat");
            var afterName = stat[(stat.LastIndexOf(')') + 1)..].TrimStart();
            if (afterName.StartsWith('Z') || afterName.StartsWith('X'))
            {
                return false;
            }

            var name = File.ReadAllText(proc + "/comm").Trim();
            return name.StartsWith("postgres", StringComparison.Ordinal) || name.StartsWith("postmaster", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
    }
}
