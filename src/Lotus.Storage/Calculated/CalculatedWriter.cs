using Lotus.Storage.Calculated.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Lotus.Storage.Calculated;

/// <summary>
/// Writes one batch of calculated state in the caller's transaction: new data versions, supersession
/// of restated rows (valid_to = new version), then one binary COPY per table for the new rows.
/// </summary>
public static class CalculatedWriter
{
    /// <summary>Tables restated per key, with the date column that decides what a restatement from D covers.</summary>
    private static readonly (string Table, string DateColumn)[] KeyTables =
    [
        ("calc_transaction_costs", "transaction_date"),
        ("calc_position_history", "position_date"),
        ("calc_cashflows", "transaction_date"),
        ("calc_position_timeseries", "valuation_date"),
    ];

    public static async Task WriteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CalculatedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Versions.Count > 0)
        {
            await WriteVersionsAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
        }

        await SupersedeAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
        await CopyAsync(connection, batch, cancellationToken).ConfigureAwait(false);
        if (batch.JobProgress.Count > 0)
        {
            await WriteProgressAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteVersionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CalculatedBatch batch, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            WITH v AS (SELECT * FROM unnest(@p::text[], @v::bigint[]) AS v(portfolio_id, data_version)),
            known AS (SELECT max(business_date) AS d FROM business_dates WHERE calendar_code = 'GLOBAL'),
            ins AS (
                INSERT INTO portfolio_data_versions (portfolio_id, data_version, business_date_known)
                SELECT v.portfolio_id, v.data_version, known.d FROM v CROSS JOIN known)
            INSERT INTO calc_portfolio_state (portfolio_id, data_version)
            SELECT portfolio_id, data_version FROM v
            ON CONFLICT (portfolio_id) DO UPDATE SET data_version = excluded.data_version, updated_at = now()
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("p", batch.Versions.Select(v => v.PortfolioId).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("v", batch.Versions.Select(v => v.Version).ToArray()));
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task SupersedeAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CalculatedBatch batch, CancellationToken ct)
    {
        if (batch.KeyRestatements.Count is > 0 and <= 32)
        {
            // Few keys (a back-dated correction): one plain statement per key and table, in one round trip,
            // so each is an index range scan rather than a join over the whole table.
            await using var few = new NpgsqlBatch(connection, transaction);
            foreach (var k in batch.KeyRestatements)
            {
                foreach (var (table, column) in KeyTables)
                {
                    var command = new NpgsqlBatchCommand(
                        $"UPDATE {table} SET valid_to = $1 WHERE portfolio_id = $2 AND security_id = $3 AND {column} >= $4 AND valid_to IS NULL");
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = k.Version });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = k.PortfolioId });
                    command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = k.SecurityId });
                    command.Parameters.Add(new NpgsqlParameter<DateOnly> { TypedValue = k.FromDate });
                    few.BatchCommands.Add(command);
                }
            }

            await few.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
        else if (batch.KeyRestatements.Count > 0)
        {
            var p = batch.KeyRestatements.Select(k => k.PortfolioId).ToArray();
            var s = batch.KeyRestatements.Select(k => k.SecurityId).ToArray();
            var d = batch.KeyRestatements.Select(k => k.FromDate).ToArray();
            var v = batch.KeyRestatements.Select(k => k.Version).ToArray();
            foreach (var (table, column) in KeyTables)
            {
                await using var command = new NpgsqlCommand(
                    $"""
                    UPDATE {table} t SET valid_to = k.v
                    FROM unnest(@p::text[], @s::text[], @d::date[], @v::bigint[]) AS k(p, s, d, v)
                    WHERE t.portfolio_id = k.p AND t.security_id = k.s AND t.{column} >= k.d AND t.valid_to IS NULL
                    """, connection, transaction);
                command.Parameters.Add(new NpgsqlParameter<string[]>("p", p));
                command.Parameters.Add(new NpgsqlParameter<string[]>("s", s));
                command.Parameters.Add(CalculatedInputReader.Dates("d", d));
                command.Parameters.Add(new NpgsqlParameter<long[]>("v", v));
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }

        var portfolioTables = KeyTables.Append(("calc_portfolio_timeseries", "valuation_date"));
        if (batch.PortfolioRestatements.Count > 0)
        {
            foreach (var (table, column) in portfolioTables)
            {
                await SupersedePortfolioAsync(connection, transaction, table, column, batch.PortfolioRestatements, ct).ConfigureAwait(false);
            }
        }

        if (batch.PortfolioSeriesRestatements.Count > 0)
        {
            await SupersedePortfolioAsync(connection, transaction, "calc_portfolio_timeseries", "valuation_date", batch.PortfolioSeriesRestatements, ct).ConfigureAwait(false);
        }
    }

    private static async Task SupersedePortfolioAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string table, string column, List<PortfolioRestatement> restatements, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"""
            UPDATE {table} t SET valid_to = k.v
            FROM unnest(@p::text[], @d::date[], @v::bigint[]) AS k(p, d, v)
            WHERE t.portfolio_id = k.p AND t.{column} >= k.d AND t.valid_to IS NULL
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("p", restatements.Select(r => r.PortfolioId).ToArray()));
        command.Parameters.Add(CalculatedInputReader.Dates("d", restatements.Select(r => r.FromDate).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<long[]>("v", restatements.Select(r => r.Version).ToArray()));
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, CalculatedBatch batch, CancellationToken ct)
    {
        if (batch.Costs.Count > 0)
        {
            await using var w = await connection.BeginBinaryImportAsync(
                "COPY calc_transaction_costs (portfolio_id, security_id, transaction_id, transaction_date, valid_from, valid_to, net_cost, net_cost_local, gross_cost, realized_gain_loss, realized_gain_loss_local, transaction_fx_rate, processing_status, failure_reason) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
            foreach (var (r, v) in batch.Costs)
            {
                await w.StartRowAsync(ct).ConfigureAwait(false);
                WriteCost(w, r, v);
            }

            await w.CompleteAsync(ct).ConfigureAwait(false);
        }

        if (batch.History.Count > 0)
        {
            await using var w = await connection.BeginBinaryImportAsync(
                "COPY calc_position_history (portfolio_id, security_id, seq, transaction_id, position_date, valid_from, valid_to, quantity, cost_basis, cost_basis_local) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
            foreach (var (r, v) in batch.History)
            {
                await w.StartRowAsync(ct).ConfigureAwait(false);
                w.Write(r.PortfolioId, NpgsqlDbType.Text);
                w.Write(r.SecurityId, NpgsqlDbType.Text);
                w.Write(r.Seq, NpgsqlDbType.Integer);
                w.Write(r.TransactionId, NpgsqlDbType.Text);
                w.Write(r.PositionDate, NpgsqlDbType.Date);
                Copy.Version(w, v);
                w.Write(r.Quantity, NpgsqlDbType.Numeric);
                w.Write(r.CostBasis, NpgsqlDbType.Numeric);
                w.Write(r.CostBasisLocal, NpgsqlDbType.Numeric);
            }

            await w.CompleteAsync(ct).ConfigureAwait(false);
        }

        if (batch.Cashflows.Count > 0)
        {
            await using var w = await connection.BeginBinaryImportAsync(
                "COPY calc_cashflows (portfolio_id, security_id, transaction_id, transaction_date, cashflow_date, valid_from, valid_to, amount, currency, classification, timing, is_position_flow, is_portfolio_flow, cash_flow_type, flow_scope) FROM STDIN (FORMAT BINARY)", ct).ConfigureAwait(false);
            foreach (var (r, v) in batch.Cashflows)
            {
                await w.StartRowAsync(ct).ConfigureAwait(false);
                w.Write(r.PortfolioId, NpgsqlDbType.Text);
                w.Write(r.SecurityId, NpgsqlDbType.Text);
                w.Write(r.TransactionId, NpgsqlDbType.Text);
                w.Write(r.TransactionDate, NpgsqlDbType.Date);
                w.Write(r.CashflowDate, NpgsqlDbType.Date);
                Copy.Version(w, v);
                w.Write(r.Amount, NpgsqlDbType.Numeric);
                w.Write(r.Currency, NpgsqlDbType.Text);
                w.Write(r.Classification, NpgsqlDbType.Text);
                w.Write(r.Timing, NpgsqlDbType.Text);
                w.Write(r.IsPositionFlow, NpgsqlDbType.Boolean);
                w.Write(r.IsPortfolioFlow, NpgsqlDbType.Boolean);
                w.Write(r.CashFlowType, NpgsqlDbType.Text);
                w.Write(r.FlowScope, NpgsqlDbType.Text);
            }

            await w.CompleteAsync(ct).ConfigureAwait(false);
        }

        if (batch.PositionDays.Count > 0)
        {
            await using var w = await connection.BeginBinaryImportAsync(PositionDayCopy("calc_position_timeseries"), ct).ConfigureAwait(false);
            foreach (var (r, v) in batch.PositionDays)
            {
                await w.StartRowAsync(ct).ConfigureAwait(false);
                WritePositionDay(w, r, v);
            }

            await w.CompleteAsync(ct).ConfigureAwait(false);
        }

        if (batch.PortfolioDays.Count > 0)
        {
            await using var w = await connection.BeginBinaryImportAsync(PortfolioDayCopy("calc_portfolio_timeseries"), ct).ConfigureAwait(false);
            foreach (var (r, v) in batch.PortfolioDays)
            {
                await w.StartRowAsync(ct).ConfigureAwait(false);
                WritePortfolioDay(w, r, v);
            }

            await w.CompleteAsync(ct).ConfigureAwait(false);
        }
    }

    /// <summary>The COPY statement of a position-day table (benchmarks copy the same rows into a twin table).</summary>
    public static string PositionDayCopy(string table) =>
        $"COPY {table} (portfolio_id, security_id, valuation_date, valid_from, valid_to, quantity, cost_basis, cost_basis_local, market_price, price_date, price_staleness_days, fx_rate, market_value_local, market_value, unrealized_gain_loss, unrealized_gain_loss_local, valuation_status, status_reason, bod_market_value, eod_market_value, bod_cashflow_position, eod_cashflow_position, bod_cashflow_portfolio, eod_cashflow_portfolio, fees, average_cost, timeseries_gap_reason) FROM STDIN (FORMAT BINARY)";

    public static string PortfolioDayCopy(string table) =>
        $"COPY {table} (portfolio_id, valuation_date, valid_from, valid_to, bod_market_value, eod_market_value, bod_cashflow, eod_cashflow, fees, position_count, unvalued_position_count, gap_reason) FROM STDIN (FORMAT BINARY)";

    public static void WriteCost(NpgsqlBinaryImporter w, CostRow r, long v)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.Write(r.PortfolioId, NpgsqlDbType.Text);
        w.Write(r.SecurityId, NpgsqlDbType.Text);
        w.Write(r.TransactionId, NpgsqlDbType.Text);
        w.Write(r.TransactionDate, NpgsqlDbType.Date);
        Copy.Version(w, v);
        Copy.Dec(w, r.NetCost);
        Copy.Dec(w, r.NetCostLocal);
        Copy.Dec(w, r.GrossCost);
        Copy.Dec(w, r.RealizedGainLoss);
        Copy.Dec(w, r.RealizedGainLossLocal);
        Copy.Dec(w, r.TransactionFxRate);
        w.Write(r.ProcessingStatus, NpgsqlDbType.Text);
        Copy.Text(w, r.FailureReason);
    }

    public static void WritePositionDay(NpgsqlBinaryImporter w, PositionDayRow r, long v)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.Write(r.PortfolioId, NpgsqlDbType.Text);
        w.Write(r.SecurityId, NpgsqlDbType.Text);
        w.Write(r.ValuationDate, NpgsqlDbType.Date);
        Copy.Version(w, v);
        w.Write(r.Quantity, NpgsqlDbType.Numeric);
        w.Write(r.CostBasis, NpgsqlDbType.Numeric);
        w.Write(r.CostBasisLocal, NpgsqlDbType.Numeric);
        Copy.Dec(w, r.MarketPrice);
        Copy.Date(w, r.PriceDate);
        Copy.Int(w, r.PriceDate is { } pd ? r.ValuationDate.DayNumber - pd.DayNumber : null);
        Copy.Dec(w, r.FxRate);
        Copy.Dec(w, r.MarketValueLocal);
        Copy.Dec(w, r.MarketValue);
        Copy.Dec(w, r.UnrealizedGainLoss);
        Copy.Dec(w, r.UnrealizedGainLossLocal);
        w.Write(r.ValuationStatus, NpgsqlDbType.Text);
        Copy.Text(w, r.StatusReason);
        Copy.Dec(w, r.BodMarketValue);
        Copy.Dec(w, r.EodMarketValue);
        Copy.Dec(w, r.BodCashflowPosition);
        Copy.Dec(w, r.EodCashflowPosition);
        Copy.Dec(w, r.BodCashflowPortfolio);
        Copy.Dec(w, r.EodCashflowPortfolio);
        Copy.Dec(w, r.Fees);
        Copy.Dec(w, r.AverageCost);
        Copy.Text(w, r.TimeseriesGapReason);
    }

    public static void WritePortfolioDay(NpgsqlBinaryImporter w, PortfolioDayRow r, long v)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(r);
        w.Write(r.PortfolioId, NpgsqlDbType.Text);
        w.Write(r.ValuationDate, NpgsqlDbType.Date);
        Copy.Version(w, v);
        Copy.Dec(w, r.BodMarketValue);
        Copy.Dec(w, r.EodMarketValue);
        Copy.Dec(w, r.BodCashflow);
        Copy.Dec(w, r.EodCashflow);
        Copy.Dec(w, r.Fees);
        w.Write(r.PositionCount, NpgsqlDbType.Integer);
        w.Write(r.UnvaluedPositionCount, NpgsqlDbType.Integer);
        Copy.Text(w, r.GapReason);
    }

    private static async Task WriteProgressAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CalculatedBatch batch, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            UPDATE calc_job_progress j
            SET processed_events = j.processed_events + u.n,
                failure_reason = COALESCE(j.failure_reason, u.failure),
                completed_at = CASE WHEN j.processed_events + u.n >= j.emitted_events THEN now() ELSE j.completed_at END
            FROM unnest(@job::text[], @n::integer[], @failure::text[]) AS u(job_id, n, failure)
            WHERE j.job_id = u.job_id
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("job", batch.JobProgress.Keys.ToArray()));
        command.Parameters.Add(new NpgsqlParameter<int[]>("n", batch.JobProgress.Values.Select(x => x.Events).ToArray()));
        command.Parameters.Add(new NpgsqlParameter<string?[]>("failure", batch.JobProgress.Values.Select(x => x.Failure).ToArray()));
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }
}
