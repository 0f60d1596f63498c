using Npgsql;

namespace Lotus.Storage.Calculated;

/// <summary>
/// Finds, from committed canonical data, which portfolios a write affects (the ingestion side of the
/// calculators). Runs inside the ingestion transaction after <see cref="LockWritersAsync"/>.
/// </summary>
public static class ChangeFanOutQueries
{
    /// <summary>
    /// One transaction-scoped advisory lock taken by every ingestion write that emits calculator events:
    /// a price batch and a concurrent transaction batch cannot both miss each other (the later one sees
    /// the earlier one committed). It serialises writers, never readers.
    /// </summary>
    public static async Task LockWritersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7366737261)", connection, transaction);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Stored versions of transactions being rewritten: (id, portfolio, security, date, settlement cash instrument, account).</summary>
    public static async Task<List<(string Id, string PortfolioId, string SecurityId, DateOnly Date, string? CashInstrument, string? CashAccount)>> ExistingTransactionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] ids, CancellationToken ct)
    {
        var rows = new List<(string, string, string, DateOnly, string?, string?)>();
        await using var command = new NpgsqlCommand(
            """
            SELECT transaction_id, portfolio_id, security_id, transaction_date, settlement_cash_instrument_id, settlement_cash_account_id
            FROM transactions WHERE transaction_id = ANY(@ids)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids));
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), r.IsDBNull(4) ? null : r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5)));
        }

        return rows;
    }

    /// <summary>(portfolio, security) pairs where the portfolio trades the security or settles cash in it.</summary>
    public static async Task<List<(string PortfolioId, string SecurityId)>> HoldersAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string[] securities, CancellationToken ct)
    {
        var rows = new List<(string, string)>();
        await using var command = new NpgsqlCommand(
            """
            SELECT DISTINCT portfolio_id, security_id FROM transactions WHERE security_id = ANY(@s)
            UNION
            SELECT DISTINCT portfolio_id, settlement_cash_instrument_id FROM transactions WHERE settlement_cash_instrument_id = ANY(@s)
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("s", securities));
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add((r.GetString(0), r.GetString(1)));
        }

        return rows;
    }

    /// <summary>Portfolios with base currency <paramref name="to"/> that trade in, or hold instruments in, <paramref name="from"/>.</summary>
    public static async Task<List<string>> FxHoldersAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string from, string to, CancellationToken ct)
    {
        var rows = new List<string>();
        await using var command = new NpgsqlCommand(
            """
            SELECT DISTINCT t.portfolio_id
            FROM transactions t JOIN portfolios p ON p.portfolio_id = t.portfolio_id
            LEFT JOIN instruments i ON i.security_id = t.security_id
            WHERE p.base_currency = @to AND (t.trade_currency = @from OR t.currency = @from OR i.currency = @from)
            """, connection, transaction);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(r.GetString(0));
        }

        return rows;
    }

    /// <summary>Every portfolio that has transactions (a calendar change restates them all).</summary>
    public static async Task<List<string>> PortfoliosWithTransactionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        var rows = new List<string>();
        await using var command = new NpgsqlCommand("SELECT portfolio_id FROM portfolios p WHERE EXISTS (SELECT 1 FROM transactions t WHERE t.portfolio_id = p.portfolio_id)", connection, transaction);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            rows.Add(r.GetString(0));
        }

        return rows;
    }

    /// <summary>Counts events emitted for a job (progress = processed / emitted).</summary>
    public static async Task AddEmittedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string jobId, int count, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO calc_job_progress (job_id, emitted_events) VALUES (@j, @n)
            ON CONFLICT (job_id) DO UPDATE SET emitted_events = calc_job_progress.emitted_events + excluded.emitted_events, completed_at = NULL
            """, connection, transaction);
        command.Parameters.AddWithValue("j", jobId);
        command.Parameters.AddWithValue("n", (long)count);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>(emitted, processed, failure, completed_at) of a job, or null when it emitted nothing.</summary>
    public static async Task<(long Emitted, long Processed, string? Failure, DateTime? CompletedAt)?> ReadProgressAsync(NpgsqlConnection connection, string jobId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT emitted_events, processed_events, failure_reason, completed_at FROM calc_job_progress WHERE job_id = @j", connection);
        command.Parameters.AddWithValue("j", jobId);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await r.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return (r.GetInt64(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetDateTime(3));
    }
}
