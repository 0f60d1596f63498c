using System.Globalization;

namespace Lotus.Storage.Embedded.Internal;

/// <summary>Who the server runs as: PostgreSQL refuses root, so root hands it to the <c>postgres</c> account.</summary>
internal static class OsUser
{
    public const string ServiceAccount = "postgres";

    private static readonly Lazy<bool> Root = new(ReadIsRoot);

    public static bool IsRoot => Root.Value;

    /// <summary>The user to run PostgreSQL tools as, or null for the current user.</summary>
    public static string? ServerUser => IsRoot ? ServiceAccount : null;

    public static bool ServiceAccountExists()
        => File.Exists("/etc/passwd")
            && File.ReadLines("/etc/passwd").Any(line => line.StartsWith(ServiceAccount + ":", StringComparison.Ordinal));

    // The effective uid is the second field of "Uid:" in /proc/self/status (real, effective, saved, fs).
    private static bool ReadIsRoot()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/status"))
        {
            return false;
        }

        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var fields = line[4..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 1 && int.Parse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture) == 0;
            }
        }

        return false;
    }
}
