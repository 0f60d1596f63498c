using Npgsql;

namespace Lotus.Messaging.Postgres.Internal;

/// <summary>
/// Membership and partition leases of one consumer-group member. Each round renews the member's
/// heartbeat and leases, then moves toward a fair share (ceil(partitions / live members)): a member
/// over its share releases partitions, one under it claims free or expired ones. A claim skips
/// rows locked by a member's in-flight transaction, so a partition is never taken mid-event.
/// </summary>
internal sealed class GroupMembership(NpgsqlDataSource dataSource, EventConsumerOptions options)
{
    private const string RenewSql = """
        INSERT INTO event_consumer_members (group_name, member_id, heartbeat_until)
        VALUES (@group, @member, now() + @lease)
        ON CONFLICT (group_name, member_id) DO UPDATE SET heartbeat_until = EXCLUDED.heartbeat_until;

        DELETE FROM event_consumer_members WHERE group_name = @group AND heartbeat_until < now();

        INSERT INTO event_consumer_partitions (group_name, topic, partition)
        SELECT @group, t.topic, p FROM event_topics t CROSS JOIN LATERAL generate_series(0, t.partitions - 1) AS p
        WHERE t.topic = ANY(@topics)
        ON CONFLICT DO NOTHING;

        UPDATE event_consumer_partitions SET lease_until = now() + @lease
        WHERE group_name = @group AND owner = @member;

        SELECT
            (SELECT count(*) FROM event_consumer_members WHERE group_name = @group AND heartbeat_until >= now()),
            (SELECT count(*) FROM event_consumer_partitions WHERE group_name = @group AND topic = ANY(@topics)),
            (SELECT count(*) FROM event_consumer_partitions WHERE group_name = @group AND topic = ANY(@topics) AND owner = @member);
        """;

    private const string ReleaseSql = """
        UPDATE event_consumer_partitions SET owner = NULL, lease_until = NULL
        WHERE (group_name, topic, partition) IN (
            SELECT group_name, topic, partition FROM event_consumer_partitions
            WHERE group_name = @group AND owner = @member AND topic = ANY(@topics)
            ORDER BY topic DESC, partition DESC LIMIT @n)
        """;

    private const string ClaimSql = """
        UPDATE event_consumer_partitions SET owner = @member, lease_until = now() + @lease
        WHERE (group_name, topic, partition) IN (
            SELECT group_name, topic, partition FROM event_consumer_partitions
            WHERE group_name = @group AND topic = ANY(@topics) AND (owner IS NULL OR lease_until < now())
            ORDER BY topic, partition LIMIT @n
            FOR UPDATE SKIP LOCKED)
        """;

    private const string AssignmentSql = """
        SELECT topic, partition FROM event_consumer_partitions
        WHERE group_name = @group AND owner = @member AND topic = ANY(@topics) ORDER BY topic, partition
        """;

    /// <summary>Renews, rebalances, and returns this member's partitions.</summary>
    public async Task<IReadOnlyList<TopicPartition>> RenewAndBalanceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        long live, total, owned;
        await using (var renew = Command(RenewSql, connection, transaction))
        await using (var reader = await renew.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            (live, total, owned) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
        }

        var fair = (total + Math.Max(live, 1) - 1) / Math.Max(live, 1);
        if (owned != fair)
        {
            await using var move = Command(owned > fair ? ReleaseSql : ClaimSql, connection, transaction);
            move.Parameters.AddWithValue("n", Math.Abs(owned - fair));
            await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var assignment = new List<TopicPartition>();
        await using (var query = Command(AssignmentSql, connection, transaction))
        await using (var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                assignment.Add(new TopicPartition(reader.GetString(0), reader.GetInt32(1)));
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return assignment;
    }

    /// <summary>Leaves the group at once, releasing every lease (others need not wait for expiry).</summary>
    public async Task LeaveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(
            """
            UPDATE event_consumer_partitions SET owner = NULL, lease_until = NULL WHERE group_name = @group AND owner = @member;
            DELETE FROM event_consumer_members WHERE group_name = @group AND member_id = @member;
            """, connection, null);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("group", options.GroupName);
        command.Parameters.AddWithValue("member", options.MemberId);
        command.Parameters.AddWithValue("topics", options.Topics.ToArray());
        command.Parameters.AddWithValue("lease", options.LeaseDuration);
        return command;
    }
}
