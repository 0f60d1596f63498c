using Npgsql;

namespace Lotus.Messaging.Postgres.Internal;

/// <summary>
/// Lets an idle consumer sleep until a producer's transaction commits (LISTEN on the producer's
/// NOTIFY channel) or the idle delay passes, whichever comes first. Falls back to a plain delay
/// while the database is unreachable.
/// </summary>
internal sealed class LogListener(NpgsqlDataSource dataSource) : IAsyncDisposable
{
    private NpgsqlConnection? _connection;

    /// <summary>
    /// Starts listening. Called before a consumer's first round, so a commit made after that round
    /// began is never missed: its notification waits in the connection until the next wait.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ListenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            await DisposeAsync().ConfigureAwait(false); // Retried at the next wait.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The consumer's loop sees the cancellation and ends.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            var connection = await ListenAsync(cancellationToken).ConfigureAwait(false);
            await connection.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            await DisposeAsync().ConfigureAwait(false);
            await Task.Delay(timeout, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<NpgsqlConnection> ListenAsync(CancellationToken cancellationToken)
    {
        if (_connection is null)
        {
            _connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using var listen = new NpgsqlCommand($"LISTEN {PostgresEventLogProducer.NotifyChannel}", _connection);
            await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return _connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _connection = null;
        }
    }
}
