using System.Globalization;
using Lotus.Core.V1;
using Npgsql;

namespace Lotus.Storage.Calculated;

/// <summary>Keyset-paged reads of current calculated state into contract messages (QueryService).</summary>
public static class CalculatedQueries
{
    /// <summary>
    /// Positions of a portfolio on <paramref name="asOf"/> (null: the latest GLOBAL business date, else the latest
    /// valued date): each security's latest position-day on or before the date, keyset on security_id.
    /// </summary>
    public static async Task<(string AsOfDate, string PortfolioCurrency, List<Position> Positions, string? Next)> ReadPositionsAsync(
        NpgsqlConnection connection, string portfolioId, DateOnly? asOf, int limit, string? afterSecurityId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        DateOnly? date = asOf;
        string currency = string.Empty;
        await using (var command = new NpgsqlCommand(
            """
            SELECT p.base_currency,
                   COALESCE((SELECT max(business_date) FROM business_dates WHERE calendar_code = 'GLOBAL'),
                            (SELECT max(valuation_date) FROM calc_position_timeseries t WHERE t.portfolio_id = p.portfolio_id AND t.valid_to IS NULL))
            FROM portfolios p WHERE p.portfolio_id = @p
            """, connection))
        {
            command.Parameters.AddWithValue("p", portfolioId);
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                currency = r.GetString(0);
                date ??= r.IsDBNull(1) ? null : r.GetFieldValue<DateOnly>(1);
            }
        }

        var positions = new List<Position>();
        if (date is null)
        {
            return (string.Empty, currency, positions, null);
        }

        await using (var command = new NpgsqlCommand(
            """
            SELECT DISTINCT ON (t.security_id)
                   t.security_id, i.name, i.asset_class, i.product_type, i.currency, t.quantity, t.cost_basis, t.cost_basis_local,
                   t.valuation_status, t.market_price, t.price_date, t.market_value, t.market_value_local, t.unrealized_gain_loss,
                   t.unrealized_gain_loss_local, t.fx_rate, t.valuation_date, t.valid_from
            FROM calc_position_timeseries t LEFT JOIN instruments i ON i.security_id = t.security_id
            WHERE t.portfolio_id = @p AND t.valid_to IS NULL AND t.valuation_date <= @d AND (@after::text IS NULL OR t.security_id > @after)
            ORDER BY t.security_id, t.valuation_date DESC
            LIMIT @limit
            """, connection))
        {
            command.Parameters.AddWithValue("p", portfolioId);
            command.Parameters.AddWithValue("d", date.Value);
            command.Parameters.Add(new NpgsqlParameter<string?>("after", afterSecurityId));
            command.Parameters.AddWithValue("limit", limit + 1);
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                positions.Add(new Position
                {
                    SecurityId = r.GetString(0),
                    InstrumentName = Text(r, 1),
                    AssetClass = Text(r, 2),
                    ProductType = Text(r, 3),
                    Currency = Text(r, 4),
                    Quantity = Dec(r, 5),
                    CostBasis = Dec(r, 6),
                    CostBasisLocal = Dec(r, 7),
                    ValuationStatus = r.GetString(8),
                    MarketPrice = Dec(r, 9),
                    PriceDate = Date(r, 10),
                    MarketValue = Dec(r, 11),
                    MarketValueLocal = Dec(r, 12),
                    UnrealizedGainLoss = Dec(r, 13),
                    UnrealizedGainLossLocal = Dec(r, 14),
                    FxRate = Dec(r, 15),
                    PositionDate = Date(r, 16),
                    Epoch = r.GetInt64(17),
                });
            }
        }

        string? next = null;
        if (positions.Count > limit)
        {
            positions.RemoveAt(positions.Count - 1);
            next = positions[^1].SecurityId;
        }

        return (date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), currency, positions, next);
    }

    /// <summary>Cashflows keyset on (cashflow_date, security_id, transaction_id); <paramref name="after"/> holds those three.</summary>
    public static async Task<(List<Cashflow> Cashflows, string[]? Next)> ReadCashflowsAsync(
        NpgsqlConnection connection, string portfolioId, string? securityId, DateOnly? start, DateOnly? end, int limit, IReadOnlyList<string>? after, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = new NpgsqlCommand(
            """
            SELECT transaction_id, security_id, cashflow_date, amount, currency, classification, timing, is_position_flow, is_portfolio_flow,
                   cash_flow_type, flow_scope, valid_from
            FROM calc_cashflows
            WHERE portfolio_id = @p AND valid_to IS NULL
              AND (@s::text IS NULL OR security_id = @s)
              AND (@start::date IS NULL OR cashflow_date >= @start) AND (@end::date IS NULL OR cashflow_date <= @end)
              AND (@ad::date IS NULL OR (cashflow_date, security_id, transaction_id) > (@ad, @as, @at))
            ORDER BY cashflow_date, security_id, transaction_id
            LIMIT @limit
            """, connection);
        command.Parameters.AddWithValue("p", portfolioId);
        command.Parameters.Add(new NpgsqlParameter<string?>("s", string.IsNullOrEmpty(securityId) ? null : securityId));
        command.Parameters.Add(new NpgsqlParameter<DateOnly?>("start", start));
        command.Parameters.Add(new NpgsqlParameter<DateOnly?>("end", end));
        command.Parameters.Add(new NpgsqlParameter<DateOnly?>("ad", after is { Count: 3 } ? DateOnly.ParseExact(after[0], "yyyy-MM-dd", CultureInfo.InvariantCulture) : null));
        command.Parameters.Add(new NpgsqlParameter<string?>("as", after is { Count: 3 } ? after[1] : null));
        command.Parameters.Add(new NpgsqlParameter<string?>("at", after is { Count: 3 } ? after[2] : null));
        command.Parameters.AddWithValue("limit", limit + 1);
        var rows = new List<Cashflow>();
        await using (var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                rows.Add(new Cashflow
                {
                    TransactionId = r.GetString(0),
                    SecurityId = r.GetString(1),
                    CashflowDate = Date(r, 2),
                    Amount = Dec(r, 3),
                    Currency = r.GetString(4),
                    Classification = r.GetString(5),
                    Timing = r.GetString(6),
                    IsPositionFlow = r.GetBoolean(7),
                    IsPortfolioFlow = r.GetBoolean(8),
                    CashFlowType = r.GetString(9),
                    FlowScope = r.GetString(10),
                    Epoch = r.GetInt64(11),
                });
            }
        }

        string[]? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(rows.Count - 1);
            next = [rows[^1].CashflowDate, rows[^1].SecurityId, rows[^1].TransactionId];
        }

        return (rows, next);
    }

    /// <summary>Fills each record's calculated fields from its current cost row; "pending" when not calculated yet.</summary>
    public static async Task FillTransactionResultsAsync(NpgsqlConnection connection, string portfolioId, IReadOnlyList<TransactionRecord> records, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(records);
        var byId = records.Where(r => r.Transaction is not null).GroupBy(r => r.Transaction.TransactionId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var record in records)
        {
            record.ProcessingStatus = "pending";
        }

        await using var command = new NpgsqlCommand(
            """
            SELECT transaction_id, net_cost, net_cost_local, gross_cost, realized_gain_loss, realized_gain_loss_local, transaction_fx_rate,
                   processing_status, failure_reason
            FROM calc_transaction_costs WHERE portfolio_id = @p AND transaction_id = ANY(@ids) AND valid_to IS NULL
            """, connection);
        command.Parameters.AddWithValue("p", portfolioId);
        command.Parameters.Add(new NpgsqlParameter<string[]>("ids", byId.Keys.ToArray()));
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            foreach (var record in byId[r.GetString(0)])
            {
                record.NetCost = Dec(r, 1);
                record.NetCostLocal = Dec(r, 2);
                record.GrossCost = Dec(r, 3);
                record.RealizedGainLoss = Dec(r, 4);
                record.RealizedGainLossLocal = Dec(r, 5);
                record.TransactionFxRate = Dec(r, 6);
                record.ProcessingStatus = r.GetString(7);
                record.FailureReason = Text(r, 8);
            }
        }
    }

    private static string Dec(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? string.Empty : r.GetDecimal(i).ToString(CultureInfo.InvariantCulture);

    private static string Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? string.Empty : r.GetString(i);

    private static string Date(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? string.Empty : r.GetFieldValue<DateOnly>(i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
