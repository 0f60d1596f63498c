using Npgsql;
using NpgsqlTypes;

namespace Lotus.Storage.Calculated;

/// <summary>
/// Bulk loads of canonical inputs for a batch of portfolios: one query per table for the whole batch,
/// never one per portfolio or per key (ARCHITECTURE.md "Performance habits").
/// </summary>
public static class CalculatedInputReader
{
    private const string TransactionColumns = """
        transaction_id, portfolio_id, security_id, transaction_date, settlement_date, transaction_type,
        quantity, price, gross_transaction_amount, trade_currency, currency, transaction_fx_rate, trade_fee,
        brokerage, stamp_duty, exchange_fee, gst, other_fees, movement_direction, interest_direction,
        cash_entry_mode, settlement_cash_instrument_id, economic_event_id, linked_transaction_group_id,
        settlement_cash_account_id, withholding_tax_amount, other_interest_deductions_amount, net_interest_amount
        """;

    /// <summary>Portfolios, all their transactions, their data versions and the GLOBAL business dates.</summary>
    public static async Task<PortfolioBatchInputs> LoadPortfoliosAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, IReadOnlyCollection<string> portfolioIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(portfolioIds);
        var inputs = new PortfolioBatchInputs();
        var ids = portfolioIds.ToArray();
        await using (var command = new NpgsqlCommand(
            "SELECT portfolio_id, base_currency, cost_basis_method FROM portfolios WHERE portfolio_id = ANY(@ids)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new PortfolioRow(reader.GetString(0), reader.GetString(1), reader.GetString(2));
                inputs.Portfolios[row.PortfolioId] = row;
            }
        }

        await using (var command = new NpgsqlCommand(
            "SELECT portfolio_id, data_version FROM calc_portfolio_state WHERE portfolio_id = ANY(@ids)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                inputs.Versions[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        await using (var command = new NpgsqlCommand(
            $"SELECT {TransactionColumns} FROM transactions WHERE portfolio_id = ANY(@ids)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = ReadTransaction(reader);
                if (!inputs.Transactions.TryGetValue(row.PortfolioId, out var list))
                {
                    list = [];
                    inputs.Transactions.Add(row.PortfolioId, list);
                }

                list.Add(row);
            }
        }

        await using (var command = new NpgsqlCommand(
            "SELECT portfolio_id, transaction_id, security_id, transaction_date FROM calc_transaction_costs WHERE portfolio_id = ANY(@ids) AND valid_to IS NULL",
            connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", ids));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var portfolioId = reader.GetString(0);
                if (!inputs.Calculated.TryGetValue(portfolioId, out var list))
                {
                    list = [];
                    inputs.Calculated.Add(portfolioId, list);
                }

                list.Add((reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3)));
            }
        }

        var dates = new List<DateOnly>();
        await using (var command = new NpgsqlCommand(
            "SELECT business_date FROM business_dates WHERE calendar_code = 'GLOBAL' ORDER BY business_date", connection, transaction))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                dates.Add(reader.GetFieldValue<DateOnly>(0));
            }
        }

        inputs.BusinessDates = [.. dates];
        return inputs;
    }

    /// <summary>
    /// Instruments of <paramref name="securities"/>, prices of <paramref name="priceSecurities"/>, and every FX
    /// rate into the given base currencies (FX history is small next to prices).
    /// </summary>
    public static async Task<MarketInputs> LoadMarketDataAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        IReadOnlyCollection<string> securities,
        IReadOnlyCollection<string> priceSecurities,
        IReadOnlyCollection<string> baseCurrencies,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(securities);
        ArgumentNullException.ThrowIfNull(priceSecurities);
        ArgumentNullException.ThrowIfNull(baseCurrencies);
        var inputs = new MarketInputs();
        await using (var command = new NpgsqlCommand(
            "SELECT security_id, currency, product_type, asset_class FROM instruments WHERE security_id = ANY(@ids)", connection, transaction))
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", securities.ToArray()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var row = new InstrumentRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3));
                inputs.Instruments[row.SecurityId] = row;
            }
        }

        if (priceSecurities.Count > 0)
        {
            await using var command = new NpgsqlCommand(
                "SELECT security_id, price_date, price, currency FROM market_prices WHERE security_id = ANY(@ids)", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string[]>("ids", priceSecurities.ToArray()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                inputs.Prices.Add(new PriceRow(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetDecimal(2), reader.GetString(3)));
            }
        }

        if (baseCurrencies.Count > 0)
        {
            await using var command = new NpgsqlCommand(
                "SELECT from_currency, to_currency, rate_date, rate FROM fx_rates WHERE to_currency = ANY(@to)", connection, transaction);
            command.Parameters.Add(new NpgsqlParameter<string[]>("to", baseCurrencies.ToArray()));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                inputs.FxRates.Add(new FxRow(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetDecimal(3)));
            }
        }

        return inputs;
    }

    private static TransactionRow ReadTransaction(NpgsqlDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetFieldValue<DateOnly>(3),
        r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4),
        r.GetString(5),
        r.GetDecimal(6),
        r.GetDecimal(7),
        r.GetDecimal(8),
        r.GetString(9),
        r.GetString(10),
        Dec(r, 11),
        Dec(r, 12),
        Dec(r, 13),
        Dec(r, 14),
        Dec(r, 15),
        Dec(r, 16),
        Dec(r, 17),
        Str(r, 18),
        Str(r, 19),
        Str(r, 20),
        Str(r, 21),
        Str(r, 22),
        Str(r, 23),
        Str(r, 24),
        Dec(r, 25),
        Dec(r, 26),
        Dec(r, 27));

    private static decimal? Dec(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);

    private static string? Str(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    internal static NpgsqlParameter<DateOnly[]> Dates(string name, DateOnly[] values) => new(name, NpgsqlDbType.Array | NpgsqlDbType.Date) { TypedValue = values };
}
