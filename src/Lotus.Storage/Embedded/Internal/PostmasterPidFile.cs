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
    public bool IsProcessAlive()
    {
        var exe = $"/proc/{ProcessId.ToString(CultureInfo.InvariantCulture)}/comm";
        try
        {
            var name = File.ReadAllText(exe).Trim();
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
