namespace Lotus.Messaging.Postgres.Internal;

/// <summary>SQL of the consumer's per-partition work. Parameters: @group, @member, @topic, @partition, @lease.</summary>
internal static class ConsumerSql
{
    public const string Position = """
        SELECT next_offset FROM event_consumer_partitions
        WHERE group_name = @group AND topic = @topic AND partition = @partition AND owner = @member
        """;

    public const string ReadBatch = $"""
        SELECT {EventRowReader.Columns} FROM event_log
        WHERE topic = @topic AND partition = @partition AND "offset" >= @from
        ORDER BY "offset" LIMIT @limit
        """;

    // Counts a delivery before the handler runs (an event that crashes the process is still counted).
    public const string MarkDelivery = """
        INSERT INTO event_consumer_failures (group_name, topic, partition, "offset", attempts, last_error)
        VALUES (@group, @topic, @partition, @offset, 1, @error)
        ON CONFLICT (group_name, topic, partition, "offset")
        DO UPDATE SET attempts = event_consumer_failures.attempts + 1
        RETURNING attempts, last_error
        """;

    // Compare-and-set at the start of the event's transaction: proves ownership and position, locks
    // the row until commit (no claim can take the partition mid-event) and advances the position
    // in the same transaction as the handler's effects.
    public const string Advance = """
        UPDATE event_consumer_partitions SET next_offset = @next, lease_until = now() + @lease
        WHERE group_name = @group AND topic = @topic AND partition = @partition AND owner = @member AND next_offset = @expected
        """;

    public const string ClearFailures = """
        DELETE FROM event_consumer_failures
        WHERE group_name = @group AND topic = @topic AND partition = @partition AND "offset" BETWEEN @from AND @to
        """;

    public const string RecordFailure = """
        INSERT INTO event_consumer_failures (group_name, topic, partition, "offset", attempts, last_error)
        VALUES (@group, @topic, @partition, @offset, 1, @error)
        ON CONFLICT (group_name, topic, partition, "offset")
        DO UPDATE SET attempts = event_consumer_failures.attempts + 1, last_error = EXCLUDED.last_error, failed_at = now()
        RETURNING attempts
        """;

    // The delivery was already counted by MarkDelivery: only keep the reason.
    public const string RecordFailureReason = """
        INSERT INTO event_consumer_failures (group_name, topic, partition, "offset", attempts, last_error)
        VALUES (@group, @topic, @partition, @offset, 1, @error)
        ON CONFLICT (group_name, topic, partition, "offset")
        DO UPDATE SET last_error = EXCLUDED.last_error, failed_at = now()
        RETURNING attempts
        """;

    public const string DeadLetter = """
        INSERT INTO event_dead_letters
            (group_name, topic, partition, "offset", key, event_id, event_type, payload, headers, produced_at, attempts, reason)
        SELECT @group, topic, partition, "offset", key, event_id, event_type, payload, headers, produced_at, @attempts, @error
        FROM event_log WHERE topic = @topic AND partition = @partition AND "offset" = @offset
        """;

    public const string PendingReplays = $"""
        SELECT id, attempts, {EventRowReader.Columns} FROM event_dead_letters
        WHERE group_name = @group AND topic = @topic AND partition = @partition AND status = 'replay_requested'
        ORDER BY id LIMIT @limit
        """;

    public const string LockOwned = """
        UPDATE event_consumer_partitions SET lease_until = now() + @lease
        WHERE group_name = @group AND topic = @topic AND partition = @partition AND owner = @member
        """;

    public const string MarkReplayed = """
        UPDATE event_dead_letters SET status = 'replayed', replayed_at = now()
        WHERE id = @id AND status = 'replay_requested'
        """;

    public const string ReplayFailed = """
        UPDATE event_dead_letters SET status = 'dead', attempts = attempts + 1, reason = @error, dead_at = now()
        WHERE id = @id AND status = 'replay_requested'
        """;
}
