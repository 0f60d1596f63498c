using Lotus.Messaging.Postgres.Internal;
using Npgsql;

namespace Lotus.Messaging.Postgres;

/// <summary>Dead letters in <c>event_dead_letters</c>; a replay is delivered only to the group that gave up.</summary>
public sealed class PostgresDeadLetterStore(NpgsqlDataSource dataSource) : IDeadLetterStore
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(
        string? groupName = null, DeadLetterStatus? status = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = dataSource.CreateCommand($"""
            SELECT id, group_name, attempts, reason, status, dead_at, replayed_at, {EventRowReader.Columns}
            FROM event_dead_letters
            WHERE (@group::text IS NULL OR group_name = @group) AND (@status::text IS NULL OR status = @status)
            ORDER BY id DESC LIMIT @limit
            """);
        command.Parameters.AddWithValue("group", (object?)groupName ?? DBNull.Value);
        command.Parameters.AddWithValue("status", status is null ? DBNull.Value : ToText(status.Value));
        command.Parameters.AddWithValue("limit", limit);
        var letters = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            letters.Add(new DeadLetter(
                reader.GetInt64(0),
                reader.GetString(1),
                EventRowReader.Read(reader, first: 7),
                reader.GetInt32(2),
                reader.GetString(3),
                FromText(reader.GetString(4)),
                reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return letters;
    }

    /// <inheritdoc />
    public async Task<bool> RequestReplayAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE event_dead_letters SET status = 'replay_requested' WHERE id = @id AND status = 'dead'");
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc />
    public async Task<int> RequestReplayAllAsync(string groupName, string? topic = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(groupName);
        await using var command = dataSource.CreateCommand("""
            UPDATE event_dead_letters SET status = 'replay_requested'
            WHERE group_name = @group AND (@topic::text IS NULL OR topic = @topic) AND status = 'dead'
            """);
        command.Parameters.AddWithValue("group", groupName);
        command.Parameters.AddWithValue("topic", (object?)topic ?? DBNull.Value);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string ToText(DeadLetterStatus status) => status switch
    {
        DeadLetterStatus.Dead => "dead",
        DeadLetterStatus.ReplayRequested => "replay_requested",
        DeadLetterStatus.Replayed => "replayed",
        _ => throw new ArgumentOutOfRangeException(nameof(status)),
    };

    private static DeadLetterStatus FromText(string status) => status switch
    {
        "dead" => DeadLetterStatus.Dead,
        "replay_requested" => DeadLetterStatus.ReplayRequested,
        "replayed" => DeadLetterStatus.Replayed,
        _ => throw new InvalidOperationException($"Unknown dead-letter status '{status}'."),
    };
}
