using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;

namespace Lotus.Storage;

/// <summary>An ordered, validated set of migrations (unique versions, names <c>NNNN_name.sql</c>).</summary>
public sealed partial class MigrationSet
{
    private const string ResourcePrefix = "Lotus.Storage.Migrations.";

    private static readonly Lazy<MigrationSet> EmbeddedSet = new(LoadEmbedded);

    private MigrationSet(IReadOnlyList<Migration> migrations) => Migrations = migrations;

    /// <summary>The product schema: the SQL files embedded in this assembly.</summary>
    public static MigrationSet Embedded => EmbeddedSet.Value;

    /// <summary>Migrations in ascending version order.</summary>
    public IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Builds a set from migrations given in any order; refuses duplicate versions.</summary>
    public static MigrationSet From(IEnumerable<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(migrations);
        var ordered = migrations.OrderBy(m => m.Version).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Version == ordered[i - 1].Version)
            {
                throw new InvalidOperationException(
                    $"Two migrations share version {ordered[i].Version:D4}: {ordered[i - 1].FileName} and {ordered[i].FileName}.");
            }
        }

        return new MigrationSet(ordered);
    }

    /// <summary>Builds a set from (file name, SQL) pairs; file names must match <c>NNNN_name.sql</c>.</summary>
    public static MigrationSet FromScripts(IEnumerable<KeyValuePair<string, string>> scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        return From(scripts.Select(s => Parse(s.Key, s.Value)));
    }

    /// <summary>Parses a migration file name such as <c>0002_add_positions.sql</c>.</summary>
    public static Migration Parse(string fileName, string sql)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var match = FileNamePattern().Match(fileName);
        if (!match.Success)
        {
            throw new ArgumentException(
                $"Migration file name '{fileName}' must look like NNNN_lower_snake_name.sql (four digits, underscore, name).",
                nameof(fileName));
        }

        var version = int.Parse(match.Groups["version"].Value, NumberStyles.None, CultureInfo.InvariantCulture);
        return new Migration(version, match.Groups["name"].Value, sql);
    }

    private static MigrationSet LoadEmbedded()
    {
        var assembly = typeof(MigrationSet).Assembly;
        var scripts = new List<KeyValuePair<string, string>>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            scripts.Add(new(resource[ResourcePrefix.Length..], ReadResource(assembly, resource)));
        }

        return FromScripts(scripts);
    }

    private static string ReadResource(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded migration {resource} cannot be opened.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex("^(?<version>[0-9]{4})_(?<name>[a-z0-9_]+)\\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex FileNamePattern();
}
