using System.Diagnostics;
using Lotus.Messaging.Postgres.Internal;
using Npgsql;

namespace Lotus.Messaging.Postgres;

/// <summary>
/// A consumer-group member on the PostgreSQL event log. Each event (or batch, see
/// <see cref="EventConsumerOptions.EventsPerTransaction"/>) is handled in one transaction that
/// also advances the group's position, so effects written through the handler's transaction are
/// applied exactly once; anything else the handler does is at-least-once. Partitions are read in
/// offset order, and a failing event blocks its partition until it succeeds or is dead-lettered.
/// </summary>
public sealed partial class PostgresEventConsumer : IEventConsumer
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly EventConsumerOptions _options;
    private readonly IEventHandler _handler;
    private readonly GroupMembership _membership;
    private readonly SemaphoreSlim _pollGate = new(1, 1);
    private IReadOnlyList<TopicPartition> _assignment = [];
    private bool _disposed;

    /// <summary>Creates a member; it joins the group at its first poll.</summary>
    public PostgresEventConsumer(NpgsqlDataSource dataSource, EventConsumerOptions options, IEventHandler handler)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.GroupName);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxAttempts);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.BatchSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.EventsPerTransaction);
        if (options.Topics.Count == 0)
        {
            throw new ArgumentException("A consumer needs at least one topic.", nameof(options));
        }

        _dataSource = dataSource;
        _options = options;
        _handler = handler;
        _membership = new GroupMembership(dataSource, options);
    }

    /// <inheritdoc />
    public string GroupName => _options.GroupName;

    /// <inheritdoc />
    public string MemberId => _options.MemberId;

    /// <inheritdoc />
    public IReadOnlyCollection<TopicPartition> Assignment => _assignment;

    /// <inheritdoc />
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _pollGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this); // Disposed while this poll waited.
            _assignment = await _membership.RenewAndBalanceAsync(cancellationToken).ConfigureAwait(false);
            var renewed = Stopwatch.StartNew();
            var handled = 0;
            foreach (var partition in _assignment)
            {
                // A long round renews membership and leases before they could lapse (and sees new members sooner).
                if (renewed.Elapsed > _options.LeaseDuration / 3)
                {
                    var current = await _membership.RenewAndBalanceAsync(cancellationToken).ConfigureAwait(false);
                    renewed.Restart();
                    if (!current.Contains(partition))
                    {
                        continue;
                    }
                }

                handled += await ProcessPartitionAsync(partition, cancellationToken).ConfigureAwait(false);
            }

            return handled;
        }
        finally
        {
            _pollGate.Release();
        }
    }

    /// <inheritdoc />
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var listener = new LogListener(_dataSource);
        await listener.StartAsync(cancellationToken).ConfigureAwait(false);
        while (!cancellationToken.IsCancellationRequested)
        {
            int handled;
            try
            {
                handled = await PollOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException) when (_disposed)
            {
                return; // Disposed while running: the member has left its group.
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                // The database is unreachable or a transaction lost a race: report and try again.
                _options.OnError?.Invoke(ex);
                handled = 0;
            }

            if (handled == 0)
            {
                try
                {
                    await listener.WaitAsync(_options.IdleDelay, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _pollGate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await _membership.LeaveAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (NpgsqlException ex)
        {
            // Leases then expire on their own.
            _options.OnError?.Invoke(ex);
        }
        finally
        {
            // Not disposed: a poll may still be waiting on it, and it holds no wait handle.
            _pollGate.Release();
        }
    }

    private async Task<int> ProcessPartitionAsync(TopicPartition partition, CancellationToken cancellationToken)
    {
        var handled = await ReplayDeadLettersAsync(partition, cancellationToken).ConfigureAwait(false);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        long? position;
        await using (var query = Command(ConsumerSql.Position, connection, null, partition))
        {
            position = (long?)await query.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        if (position is null)
        {
            return handled; // Lease lost since the rebalance.
        }

        var events = await ReadBatchAsync(connection, partition, position.Value, cancellationToken).ConfigureAwait(false);
        if (events.Count == 0)
        {
            return handled;
        }

        // The delivery of the event at the position is counted before it is handled, so an event
        // whose handling kills the process (and never reports a failure) still reaches the limit.
        var (firstAttempt, lastError) = await MarkDeliveryAsync(connection, events[0], cancellationToken).ConfigureAwait(false);
        var index = 0;
        if (firstAttempt > _options.MaxAttempts)
        {
            if (!await DeadLetterAsync(connection, events[0], firstAttempt - 1, lastError, cancellationToken).ConfigureAwait(false))
            {
                return handled;
            }

            index = 1;
        }

        // Batched transactions only while nothing is failing; a failure falls back to one event at a time.
        if (_options.EventsPerTransaction > 1 && firstAttempt == 1)
        {
            while (index < events.Count)
            {
                var chunk = events.Skip(index).Take(_options.EventsPerTransaction).ToList();
                var (outcome, _) = await HandleAsync(connection, chunk, attempt: 1, clearFailures: index == 0, cancellationToken).ConfigureAwait(false);
                if (outcome == Outcome.LeaseLost)
                {
                    return handled;
                }

                if (outcome == Outcome.Failed)
                {
                    break;
                }

                index += chunk.Count;
                handled += chunk.Count;
            }
        }

        for (; index < events.Count; index++)
        {
            // Only the event at the committed position can have been delivered before: a failure blocks the partition.
            var counted = index == 0;
            var attempt = counted ? firstAttempt : 1;
            var (outcome, failure) = await HandleAsync(connection, [events[index]], attempt, clearFailures: counted, cancellationToken).ConfigureAwait(false);
            if (outcome == Outcome.Handled)
            {
                handled++;
                continue;
            }

            if (outcome == Outcome.LeaseLost
                || !await RecordFailureAsync(connection, events[index], failure!, counted, cancellationToken).ConfigureAwait(false))
            {
                return handled; // Retried at a later round (ordering: later events of the partition wait).
            }
        }

        return handled;
    }
}
