using Google.Protobuf;
using Npgsql;

namespace Lotus.Storage.Canonical.Internal;

/// <summary>
/// One canonical table: its columns in COPY and SELECT order, its business key, how a contract
/// message becomes a COPY row and how a read row becomes a message. The SQL of staging, duplicate
/// detection and merge is derived from these facts, once per table.
/// </summary>
internal abstract class CanonicalTable<T>
    where T : IMessage<T>
{
    private string? _selectList;

    /// <summary>Table name, e.g. "transactions".</summary>
    public abstract string Name { get; }

    /// <summary>Data columns (without ingestion_job_id and updated_at), in COPY and SELECT order.</summary>
    public abstract IReadOnlyList<string> Columns { get; }

    /// <summary>Business key columns (the primary key).</summary>
    public abstract IReadOnlyList<string> KeyColumns { get; }

    /// <summary>Columns of type numeric, read back as their text (scale 10).</summary>
    public virtual IReadOnlySet<string> NumericColumns { get; } = new HashSet<string>(StringComparer.Ordinal);

    public string StageName => "stage_" + Name;

    /// <summary>SELECT list matching <see cref="Columns"/>, numerics as text.</summary>
    public string SelectList => _selectList ??= string.Join(", ", Columns.Select(c => NumericColumns.Contains(c) ? c + "::text" : c));

    /// <summary>Writes one message's columns (after the ordinal) to a COPY row.</summary>
    public abstract void WriteRow(NpgsqlBinaryImporter writer, T row);

    /// <summary>Turns a row selected with <see cref="SelectList"/> into a message.</summary>
    public abstract T Read(NpgsqlDataReader reader);

    public string CreateStageSql
        => $"CREATE TEMP TABLE {StageName} ON COMMIT DROP AS SELECT 0::integer AS ord, {string.Join(", ", Columns)} FROM {Name} WITH NO DATA";

    public string CopySql => $"COPY {StageName} (ord, {string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Later records whose key repeats an earlier record of the same request: (ord, first ord).</summary>
    public string DuplicatesSql
        => $"SELECT ord, first_ord FROM (SELECT ord, min(ord) OVER (PARTITION BY {string.Join(", ", KeyColumns)}) AS first_ord FROM {StageName}) s "
        + "WHERE ord <> first_ord ORDER BY ord LIMIT @limit";

    public string MergeSql
    {
        get
        {
            var columns = string.Join(", ", Columns);
            var updates = Columns.Where(c => !KeyColumns.Contains(c, StringComparer.Ordinal))
                .Select(c => $"{c} = EXCLUDED.{c}")
                .Append("ingestion_job_id = EXCLUDED.ingestion_job_id")
                .Append("updated_at = EXCLUDED.updated_at");
            // Rows are merged in key order so that concurrent writes of overlapping keys lock rows in
            // the same order and cannot deadlock each other.
            return $"INSERT INTO {Name} ({columns}, ingestion_job_id, updated_at) SELECT {columns}, @job_id, now() FROM {StageName} "
                + $"ORDER BY {string.Join(", ", KeyColumns)} ON CONFLICT ({string.Join(", ", KeyColumns)}) DO UPDATE SET {string.Join(", ", updates)}";
        }
    }
}
