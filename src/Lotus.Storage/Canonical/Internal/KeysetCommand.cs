using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Google.Protobuf;
using Npgsql;

namespace Lotus.Storage.Canonical.Internal;

/// <summary>
/// Builds one keyset-paged SELECT: filters, "(k1, k2) > (@after0, @after1)" on the sort columns
/// (which match an index), ORDER BY the sort columns, LIMIT. Rows are read straight into messages.
/// </summary>
internal sealed class KeysetCommand<T>(CanonicalTable<T> table)
    where T : IMessage<T>
{
    private readonly List<string> _conditions = [];
    private readonly List<NpgsqlParameter> _parameters = [];

    public KeysetCommand<T> Where(string condition, params NpgsqlParameter[] parameters)
    {
        _conditions.Add(condition);
        _parameters.AddRange(parameters);
        return this;
    }

    /// <summary>Rows strictly after the cursor in the order of <paramref name="sortColumns"/>.</summary>
    public KeysetCommand<T> After(IReadOnlyList<string> sortColumns, IReadOnlyList<object>? cursor)
    {
        if (cursor is null)
        {
            return this;
        }

        var names = new string[cursor.Count];
        for (var i = 0; i < cursor.Count; i++)
        {
            names[i] = "@after" + i.ToString(CultureInfo.InvariantCulture);
            _parameters.Add(new NpgsqlParameter(names[i][1..], cursor[i]));
        }

        _conditions.Add($"({string.Join(", ", sortColumns.Take(cursor.Count))}) > ({string.Join(", ", names)})");
        return this;
    }

    public async IAsyncEnumerable<T> ReadAsync(
        NpgsqlConnection connection, IReadOnlyList<string> sortColumns, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var sql = new StringBuilder("SELECT ").Append(table.SelectList).Append(" FROM ").Append(table.Name);
        if (_conditions.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", _conditions);
        }

        sql.Append(" ORDER BY ").AppendJoin(", ", sortColumns).Append(" LIMIT @limit");
        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        command.Parameters.AddRange(_parameters.ToArray());
        command.Parameters.AddWithValue("limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return table.Read(reader);
        }
    }
}
