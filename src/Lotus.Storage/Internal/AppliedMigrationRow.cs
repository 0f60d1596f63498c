namespace Lotus.Storage.Internal;

/// <summary>A row of the migrations table.</summary>
internal sealed record AppliedMigrationRow(int Version, string Name, string Checksum);
