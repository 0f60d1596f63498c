using Google.Protobuf;
using Npgsql;

namespace Lotus.Storage.Canonical.Internal;

/// <summary>The staging table of one entity kind within one database transaction.</summary>
internal sealed class EntityStage<T>(CanonicalTable<T> table, CanonicalEntity entity)
    where T : IMessage<T>
{
    private bool _created;

    public long StagedCount { get; private set; }

    public async Task StageAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IEnumerable<T> rows, int firstIndex, CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await using var create = new NpgsqlCommand(table.CreateStageSql, connection, transaction);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _created = true;
        }

        var ordinal = firstIndex;
        await using var writer = await connection.BeginBinaryImportAsync(table.CopySql, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            writer.StartRow();
            writer.Write(ordinal++, NpgsqlTypes.NpgsqlDbType.Integer);
            table.WriteRow(writer, row);
        }

        await writer.CompleteAsync(cancellationToken).ConfigureAwait(false);
        StagedCount += ordinal - firstIndex;
    }

    public async Task AddDuplicatesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, List<DuplicateRecord> found, int limit, CancellationToken cancellationToken)
    {
        if (!_created || found.Count >= limit)
        {
            return;
        }

        await using var command = new NpgsqlCommand(table.DuplicatesSql, connection, transaction);
        command.Parameters.AddWithValue("limit", limit - found.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            found.Add(new DuplicateRecord(entity, reader.GetInt32(0), reader.GetInt32(1)));
        }
    }

    public async Task<long> MergeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, CancellationToken cancellationToken)
    {
        if (!_created)
        {
            return 0;
        }

        await using var command = new NpgsqlCommand(table.MergeSql, connection, transaction);
        command.Parameters.AddWithValue("job_id", jobId);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
