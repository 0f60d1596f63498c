using Npgsql;

namespace Lotus.Storage.Calculated;

/// <summary>
/// Reads calculated state, current (<c>version</c> null) or as written at a data version
/// (valid_from &lt;= V AND (valid_to IS NULL OR valid_to &gt; V)).
/// </summary>
public static class CalculatedStateReader
{
    private const string PositionDayColumns = """
        portfolio_id, security_id, valuation_date, quantity, cost_basis, cost_basis_local, market_price, price_date, fx_rate,
        market_value_local, market_value, unrealized_gain_loss, unrealized_gain_loss_local, valuation_status, status_reason,
        bod_market_value, eod_market_value, bod_cashflow_position, eod_cashflow_position, bod_cashflow_portfolio,
        eod_cashflow_portfolio, fees, average_cost, timeseries_gap_reason, valid_from
        """;

    /// <summary>The version filter of a read.</summary>
    public static string AtVersion(long? version, string alias = "")
    {
        var a = alias.Length == 0 ? string.Empty : alias + ".";
        return version is { } v
            ? $"{a}valid_from <= {v.ToString(System.Globalization.CultureInfo.InvariantCulture)} AND ({a}valid_to IS NULL OR {a}valid_to > {v.ToString(System.Globalization.CultureInfo.InvariantCulture)})"
            : $"{a}valid_to IS NULL";
    }

    /// <summary>The current data version of a portfolio (null: never calculated).</summary>
    public static async Task<long?> ReadVersionAsync(NpgsqlConnection connection, string portfolioId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT data_version FROM calc_portfolio_state WHERE portfolio_id = @p", connection);
        command.Parameters.AddWithValue("p", portfolioId);
        return (long?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest version of a portfolio that the system knew on business date <paramref name="asOf"/>.</summary>
    public static async Task<long?> ReadVersionAsOfAsync(NpgsqlConnection connection, string portfolioId, DateOnly asOf, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT max(data_version) FROM portfolio_data_versions WHERE portfolio_id = @p AND business_date_known <= @d", connection);
        command.Parameters.AddWithValue("p", portfolioId);
        command.Parameters.AddWithValue("d", asOf);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long l ? l : null;
    }

    /// <summary>Position-days of a portfolio ordered by (security_id, valuation_date).</summary>
    public static async Task<List<PositionDayRow>> ReadPositionDaysAsync(NpgsqlConnection connection, string portfolioId, long? version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT {PositionDayColumns} FROM calc_position_timeseries WHERE portfolio_id = @p AND {AtVersion(version)} ORDER BY security_id, valuation_date", connection);
        command.Parameters.AddWithValue("p", portfolioId);
        return await ReadPositionDaysAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Current position-days of <paramref name="securities"/> needed to aggregate a portfolio from
    /// <paramref name="from"/>: each key's latest row before it, and every row on or after it.
    /// </summary>
    public static async Task<List<PositionDayRow>> ReadSeriesFromAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string portfolioId, DateOnly from, string[] securities, CancellationToken cancellationToken)
    {
        // Only the columns portfolio aggregation needs: this read is most of a back-dated restatement's cost.
        const string Slim = "security_id, valuation_date, quantity, bod_market_value, eod_market_value, bod_cashflow_portfolio, eod_cashflow_portfolio, fees, timeseries_gap_reason";
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {Slim} FROM calc_position_timeseries
            WHERE portfolio_id = @p AND valuation_date >= @d AND valid_to IS NULL AND security_id = ANY(@s)
            UNION ALL
            SELECT l.* FROM unnest(@s) AS k(security_id) CROSS JOIN LATERAL (
                SELECT {Slim} FROM calc_position_timeseries t
                WHERE t.portfolio_id = @p AND t.security_id = k.security_id AND t.valuation_date < @d AND t.valid_to IS NULL
                ORDER BY t.valuation_date DESC LIMIT 1) AS l
            """, connection, transaction);
        command.Parameters.AddWithValue("p", portfolioId);
        command.Parameters.AddWithValue("d", from);
        command.Parameters.Add(new NpgsqlParameter<string[]>("s", securities));
        var rows = new List<PositionDayRow>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new PositionDayRow(
                portfolioId, r.GetString(0), r.GetFieldValue<DateOnly>(1), r.GetDecimal(2), 0m, 0m, null, null, null, null, null, null, null, string.Empty, null,
                Dec(r, 3), Dec(r, 4), null, null, Dec(r, 5), Dec(r, 6), Dec(r, 7), null, Str(r, 8)));
        }

        return rows;
    }

    /// <summary>Portfolio timeseries ordered by date.</summary>
    public static async Task<List<PortfolioDayRow>> ReadPortfolioDaysAsync(NpgsqlConnection connection, string portfolioId, long? version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT portfolio_id, valuation_date, bod_market_value, eod_market_value, bod_cashflow, eod_cashflow, fees,
                   position_count, unvalued_position_count, gap_reason, valid_from
            FROM calc_portfolio_timeseries WHERE portfolio_id = @p AND {AtVersion(version)} ORDER BY valuation_date
            """, connection);
        command.Parameters.AddWithValue("p", portfolioId);
        var rows = new List<PortfolioDayRow>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new PortfolioDayRow(
                r.GetString(0), r.GetFieldValue<DateOnly>(1), Dec(r, 2), Dec(r, 3), Dec(r, 4), Dec(r, 5), Dec(r, 6), r.GetInt32(7), r.GetInt32(8), Str(r, 9))
            { ValidFrom = r.GetInt64(10) });
        }

        return rows;
    }

    /// <summary>Cost results ordered by (security_id, transaction_date, transaction_id).</summary>
    public static async Task<List<CostRow>> ReadCostsAsync(NpgsqlConnection connection, string portfolioId, long? version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT portfolio_id, security_id, transaction_id, transaction_date, net_cost, net_cost_local, gross_cost,
                   realized_gain_loss, realized_gain_loss_local, transaction_fx_rate, processing_status, failure_reason
            FROM calc_transaction_costs WHERE portfolio_id = @p AND {AtVersion(version)} ORDER BY security_id, transaction_date, transaction_id
            """, connection);
        command.Parameters.AddWithValue("p", portfolioId);
        var rows = new List<CostRow>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new CostRow(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), Dec(r, 4), Dec(r, 5), Dec(r, 6), Dec(r, 7), Dec(r, 8), Dec(r, 9), r.GetString(10), Str(r, 11)));
        }

        return rows;
    }

    /// <summary>Position history ordered by (security_id, seq).</summary>
    public static async Task<List<HistoryRow>> ReadHistoryAsync(NpgsqlConnection connection, string portfolioId, long? version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT portfolio_id, security_id, seq, transaction_id, position_date, quantity, cost_basis, cost_basis_local
            FROM calc_position_history WHERE portfolio_id = @p AND {AtVersion(version)} ORDER BY security_id, seq
            """, connection);
        command.Parameters.AddWithValue("p", portfolioId);
        var rows = new List<HistoryRow>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new HistoryRow(r.GetString(0), r.GetString(1), r.GetInt32(2), r.GetString(3), r.GetFieldValue<DateOnly>(4), r.GetDecimal(5), r.GetDecimal(6), r.GetDecimal(7)));
        }

        return rows;
    }

    /// <summary>Cashflows ordered by (cashflow_date, security_id, transaction_id).</summary>
    public static async Task<List<CashflowRow>> ReadCashflowsAsync(NpgsqlConnection connection, string portfolioId, long? version, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            SELECT portfolio_id, security_id, transaction_id, transaction_date, cashflow_date, amount, currency, classification,
                   timing, is_position_flow, is_portfolio_flow, cash_flow_type, flow_scope
            FROM calc_cashflows WHERE portfolio_id = @p AND {AtVersion(version)} ORDER BY cashflow_date, security_id, transaction_id
            """, connection);
        command.Parameters.AddWithValue("p", portfolioId);
        var rows = new List<CashflowRow>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new CashflowRow(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<DateOnly>(3), r.GetFieldValue<DateOnly>(4), r.GetDecimal(5), r.GetString(6),
                r.GetString(7), r.GetString(8), r.GetBoolean(9), r.GetBoolean(10), r.GetString(11), r.GetString(12)));
        }

        return rows;
    }

    private static async Task<List<PositionDayRow>> ReadPositionDaysAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var rows = new List<PositionDayRow>();
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new PositionDayRow(
                r.GetString(0), r.GetString(1), r.GetFieldValue<DateOnly>(2), r.GetDecimal(3), r.GetDecimal(4), r.GetDecimal(5), Dec(r, 6),
                r.IsDBNull(7) ? null : r.GetFieldValue<DateOnly>(7), Dec(r, 8), Dec(r, 9), Dec(r, 10), Dec(r, 11), Dec(r, 12), r.GetString(13), Str(r, 14),
                Dec(r, 15), Dec(r, 16), Dec(r, 17), Dec(r, 18), Dec(r, 19), Dec(r, 20), Dec(r, 21), Dec(r, 22), Str(r, 23))
            { ValidFrom = r.GetInt64(24) });
        }

        return rows;
    }

    private static decimal? Dec(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);

    private static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);
}
