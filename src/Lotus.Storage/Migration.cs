using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lotus.Storage;

/// <summary>One schema migration: an ordered SQL script identified by its file name (<c>NNNN_name.sql</c>).</summary>
public sealed class Migration
{
    /// <summary>Creates a migration; the checksum is computed from <paramref name="sql"/>.</summary>
    public Migration(int version, string name, string sql)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(sql);
        Version = version;
        Name = name;
        Sql = sql;
        Checksum = ComputeChecksum(sql);
    }

    /// <summary>The ordering number (the <c>NNNN</c> prefix).</summary>
    public int Version { get; }

    /// <summary>The name after the prefix, without extension.</summary>
    public string Name { get; }

    /// <summary>The script text.</summary>
    public string Sql { get; }

    /// <summary>Lower-case hex SHA-256 of the script (line endings normalised to LF).</summary>
    public string Checksum { get; }

    /// <summary>The file name this migration comes from, e.g. <c>0001_event_log.sql</c>.</summary>
    public string FileName => string.Create(CultureInfo.InvariantCulture, $"{Version:D4}_{Name}.sql");

    /// <summary>
    /// SHA-256 of the UTF-8 script with CRLF turned into LF, so a checkout with other line endings
    /// is not mistaken for an edited migration.
    /// </summary>
    public static string ComputeChecksum(string sql)
    {
        ArgumentNullException.ThrowIfNull(sql);
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    /// <inheritdoc />
    public override string ToString() => FileName;
}
