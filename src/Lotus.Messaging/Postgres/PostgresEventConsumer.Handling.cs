using Lotus.Messaging.Postgres.Internal;
using Npgsql;

namespace Lotus.Messaging.Postgres;

/// <summary>Transactions of one event or batch, failures, dead letters and replays.</summary>
public sealed partial class PostgresEventConsumer
{
    private const string UnfinishedDelivery =
        "Delivery started but never finished: the consumer stopped or crashed while handling this event.";

    private enum Outcome
    {
        Handled,
        Failed,
        LeaseLost,
    }

    private async Task<(Outcome Outcome, Exception? Failure)> HandleAsync(
        NpgsqlConnection connection, IReadOnlyList<ConsumedEvent> events, int attempt, bool clearFailures, CancellationToken cancellationToken)
    {
        var partition = events[0].TopicPartition;
        var first = events[0].Offset;
        var last = events[^1].Offset;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var advance = Command(ConsumerSql.Advance, connection, transaction, partition))
        {
            advance.Parameters.AddWithValue("expected", first);
            advance.Parameters.AddWithValue("next", last + 1);
            if (await advance.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                return (Outcome.LeaseLost, null);
            }
        }

        var context = new EventHandlerContext(connection, transaction, GroupName, attempt, isReplay: false);
        try
        {
            if (_handler is IBatchEventHandler batchHandler)
            {
                await batchHandler.HandleBatchAsync(events, context, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                foreach (var message in events)
                {
                    await _handler.HandleAsync(message, context, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            if (IsBroken(connection))
            {
                throw; // The session is gone (nothing committed): not the event's fault, so not counted as a failure.
            }

            await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
            return (Outcome.Failed, ex);
        }

        if (clearFailures)
        {
            await using var clear = Command(ConsumerSql.ClearFailures, connection, transaction, partition);
            clear.Parameters.AddWithValue("from", first);
            clear.Parameters.AddWithValue("to", last);
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (Outcome.Handled, null);
    }

    /// <summary>Counts a delivery of the event at the position; returns the attempt number and the last failure reason.</summary>
    private async Task<(int Attempt, string LastError)> MarkDeliveryAsync(NpgsqlConnection connection, ConsumedEvent message, CancellationToken cancellationToken)
    {
        await using var mark = Command(ConsumerSql.MarkDelivery, connection, null, message.TopicPartition);
        mark.Parameters.AddWithValue("offset", message.Offset);
        mark.Parameters.AddWithValue("error", UnfinishedDelivery);
        await using var reader = await mark.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return (reader.GetInt32(0), reader.GetString(1));
    }

    /// <summary>Records a failed attempt (counting it unless its delivery was already counted); at the limit dead-letters the event. True when dead-lettered.</summary>
    private async Task<bool> RecordFailureAsync(NpgsqlConnection connection, ConsumedEvent message, Exception failure, bool counted, CancellationToken cancellationToken)
    {
        var reason = Describe.Failure(failure);
        int attempts;
        await using (var record = Command(counted ? ConsumerSql.RecordFailureReason : ConsumerSql.RecordFailure, connection, null, message.TopicPartition))
        {
            record.Parameters.AddWithValue("offset", message.Offset);
            record.Parameters.AddWithValue("error", reason);
            attempts = (int)(await record.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }

        return attempts >= _options.MaxAttempts
            && await DeadLetterAsync(connection, message, attempts, reason, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves the event to the dead letters and the position past it, in one transaction. False when the lease was lost.</summary>
    private async Task<bool> DeadLetterAsync(NpgsqlConnection connection, ConsumedEvent message, int attempts, string reason, CancellationToken cancellationToken)
    {
        var partition = message.TopicPartition;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var advance = Command(ConsumerSql.Advance, connection, transaction, partition))
        {
            advance.Parameters.AddWithValue("expected", message.Offset);
            advance.Parameters.AddWithValue("next", message.Offset + 1);
            if (await advance.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                return false;
            }
        }

        await using (var dead = Command(ConsumerSql.DeadLetter, connection, transaction, partition))
        {
            dead.Parameters.AddWithValue("offset", message.Offset);
            dead.Parameters.AddWithValue("attempts", attempts);
            dead.Parameters.AddWithValue("error", reason);
            await dead.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var clear = Command(ConsumerSql.ClearFailures, connection, transaction, partition))
        {
            clear.Parameters.AddWithValue("from", message.Offset);
            clear.Parameters.AddWithValue("to", message.Offset);
            await clear.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Delivers dead letters of this partition that an operator handed back; a failure makes one dead again.</summary>
    private async Task<int> ReplayDeadLettersAsync(TopicPartition partition, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var pending = new List<(long Id, int Attempts, ConsumedEvent Event)>();
        await using (var query = Command(ConsumerSql.PendingReplays, connection, null, partition))
        {
            query.Parameters.AddWithValue("limit", _options.BatchSize);
            await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                pending.Add((reader.GetInt64(0), reader.GetInt32(1), EventRowReader.Read(reader, first: 2)));
            }
        }

        var handled = 0;
        foreach (var (id, attempts, message) in pending)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var own = Command(ConsumerSql.LockOwned, connection, transaction, partition))
            {
                if (await own.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    return handled;
                }
            }

            await using (var mark = new NpgsqlCommand(ConsumerSql.MarkReplayed, connection, transaction))
            {
                mark.Parameters.AddWithValue("id", id);
                if (await mark.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
                {
                    await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                    continue;
                }
            }

            try
            {
                await _handler.HandleAsync(message, new EventHandlerContext(connection, transaction, GroupName, attempts + 1, isReplay: true), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                if (IsBroken(connection))
                {
                    throw;
                }

                await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                await using var failed = new NpgsqlCommand(ConsumerSql.ReplayFailed, connection);
                failed.Parameters.AddWithValue("id", id);
                failed.Parameters.AddWithValue("error", Describe.Failure(ex));
                await failed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            handled++;
        }

        return handled;
    }

    private async Task<List<ConsumedEvent>> ReadBatchAsync(NpgsqlConnection connection, TopicPartition partition, long from, CancellationToken cancellationToken)
    {
        var events = new List<ConsumedEvent>();
        await using var query = Command(ConsumerSql.ReadBatch, connection, null, partition);
        query.Parameters.AddWithValue("from", from);
        query.Parameters.AddWithValue("limit", _options.BatchSize);
        await using var reader = await query.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(EventRowReader.Read(reader));
        }

        return events;
    }

    private static bool IsBroken(NpgsqlConnection connection)
        => (connection.FullState & System.Data.ConnectionState.Broken) != 0 || connection.State != System.Data.ConnectionState.Open;

    private NpgsqlCommand Command(string sql, NpgsqlConnection connection, NpgsqlTransaction? transaction, TopicPartition partition)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("group", _options.GroupName);
        command.Parameters.AddWithValue("member", _options.MemberId);
        command.Parameters.AddWithValue("topic", partition.Topic);
        command.Parameters.AddWithValue("partition", partition.Partition);
        command.Parameters.AddWithValue("lease", _options.LeaseDuration);
        return command;
    }
}
