namespace Lotus.Storage;

/// <summary>What a database holds compared with a migration set (for readiness checks).</summary>
/// <param name="Applied">Migrations recorded in the database that this build knows, in order.</param>
/// <param name="Pending">Migrations of this build not yet applied, in order.</param>
/// <param name="Problems">Checksum mismatches and migrations unknown to this build; empty when consistent.</param>
public sealed record MigrationStatus(
    IReadOnlyList<Migration> Applied,
    IReadOnlyList<Migration> Pending,
    IReadOnlyList<string> Problems)
{
    /// <summary>True when every migration is applied and nothing disagrees.</summary>
    public bool IsUpToDate => Pending.Count == 0 && Problems.Count == 0;
}
