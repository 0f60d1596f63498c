using System.Globalization;
using Npgsql;

namespace Lotus.Benchmarks.Analytics;

/// <summary>Calculated state written straight into the 0200 tables (one version, current rows).</summary>
internal static class Seed
{
    public const string Portfolio = "BENCH_1";
    public static readonly DateOnly Start = new(2018, 1, 1);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static async Task<(int Securities, int Days)> PositionsAsync(NpgsqlDataSource dataSource, int rows)
    {
        const int securities = 400;
        var days = Math.Max(1, rows / securities);
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO portfolios (portfolio_id, base_currency, cost_basis_method, open_date, ingestion_job_id) VALUES ('{Portfolio}', 'USD', 'FIFO', '2018-01-01', 'bench');
            INSERT INTO instruments (security_id, currency, product_type, asset_class, ingestion_job_id)
              SELECT 'SEC_' || lpad(s::text, 4, '0'), 'USD', 'EQUITY', 'equity', 'bench' FROM generate_series(1, {securities}) s;
            INSERT INTO business_dates (calendar_code, business_date, ingestion_job_id)
              SELECT 'GLOBAL', DATE '2018-01-01' + d, 'bench' FROM generate_series(0, {days - 1}) d;
            INSERT INTO portfolio_data_versions (portfolio_id, data_version, business_date_known) VALUES ('{Portfolio}', 1, DATE '2018-01-01' + {days});
            INSERT INTO calc_position_timeseries (portfolio_id, security_id, valuation_date, valid_from, quantity, cost_basis, cost_basis_local,
                market_price, price_date, price_staleness_days, fx_rate, market_value_local, market_value, unrealized_gain_loss, unrealized_gain_loss_local,
                valuation_status, bod_market_value, eod_market_value, bod_cashflow_position, eod_cashflow_position, bod_cashflow_portfolio, eod_cashflow_portfolio, fees)
              SELECT '{Portfolio}', 'SEC_' || lpad(s::text, 4, '0'), DATE '2018-01-01' + d, 1, 100, 10000, 10000,
                     100 + d * 0.01, DATE '2018-01-01' + d, 0, 1, 10000 + d + s, 10000 + d + s, d + s, d + s,
                     'VALUED_CURRENT', 10000 + d + s - 1, 10000 + d + s, 0, 0, 0, 0, 0
                FROM generate_series(0, {days - 1}) d, generate_series(1, {securities}) s;
            INSERT INTO calc_portfolio_timeseries (portfolio_id, valuation_date, valid_from, bod_market_value, eod_market_value, bod_cashflow, eod_cashflow, fees, position_count, unvalued_position_count)
              SELECT '{Portfolio}', DATE '2018-01-01' + d, 1, {securities} * (10000 + d) + 80000, {securities} * (10000 + d) + 80200, 0, 0, 0, {securities}, 0
                FROM generate_series(0, {days - 1}) d;
            ANALYZE;
            """);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
        return (securities, days);
    }
}
