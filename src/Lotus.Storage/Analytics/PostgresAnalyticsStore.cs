using System.Runtime.CompilerServices;
using Npgsql;
using NpgsqlTypes;

namespace Lotus.Storage.Analytics;

/// <summary>
/// <see cref="IAnalyticsStore"/> over the canonical tables (0100) and the calculated state (0200). Every
/// calculated read is at a pinned version V: <c>valid_from &lt;= V AND (valid_to IS NULL OR valid_to &gt; V)</c>;
/// a row is "restated" when a superseded row of its key exists at V. Keyset order is (valuation_date,
/// security_id) under the database collation (C for the embedded cluster, which equals ordinal order).
/// Position and portfolio days are streamed from one NpgsqlDataReader; a limit bounds unary pages.
/// </summary>
public sealed class PostgresAnalyticsStore(NpgsqlDataSource dataSource) : IAnalyticsStore
{
    private const string VisibleP = "p.valid_from <= @v AND (p.valid_to IS NULL OR p.valid_to > @v)";

    public async Task<AnalyticsPortfolio?> GetPortfolioAsync(string portfolioId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT portfolio_id, base_currency, open_date, close_date, cost_basis_method, tenant_id, client_id, booking_center_code, portfolio_type, objective FROM portfolios WHERE portfolio_id = $1");
        command.Parameters.Add(new() { Value = portfolioId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new AnalyticsPortfolio(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetFieldValue<DateOnly>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
            reader.GetString(4),
            Text(reader, 5),
            Text(reader, 6),
            Text(reader, 7),
            Text(reader, 8),
            Text(reader, 9));
    }

    public async Task<PinnedVersion> ResolveVersionAsync(string portfolioId, DateOnly asOfDate, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT data_version, created_at FROM (
                (SELECT data_version, created_at, 0 AS rank FROM portfolio_data_versions
                  WHERE portfolio_id = $1 AND business_date_known <= $2 ORDER BY data_version DESC LIMIT 1)
                UNION ALL
                (SELECT data_version, created_at, 1 FROM portfolio_data_versions WHERE portfolio_id = $1 ORDER BY data_version LIMIT 1)
            ) v ORDER BY rank LIMIT 1
            """);
        command.Parameters.Add(new() { Value = portfolioId });
        command.Parameters.Add(new() { Value = asOfDate });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new PinnedVersion(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1))
            : new PinnedVersion(0, null);
    }

    public async Task<PinnedVersion?> GetVersionAsync(string portfolioId, long version, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT data_version, created_at FROM portfolio_data_versions WHERE portfolio_id = $1 AND data_version = $2");
        command.Parameters.Add(new() { Value = portfolioId });
        command.Parameters.Add(new() { Value = version });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new PinnedVersion(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1))
            : null;
    }

    public async Task<IReadOnlyList<DateOnly>> GetBusinessDatesAsync(string calendarId, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT business_date FROM business_dates WHERE calendar_code = $1 AND business_date BETWEEN $2 AND $3 ORDER BY business_date");
        command.Parameters.Add(new() { Value = calendarId });
        command.Parameters.Add(new() { Value = start });
        command.Parameters.Add(new() { Value = end });
        var dates = new List<DateOnly>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            dates.Add(reader.GetFieldValue<DateOnly>(0));
        }

        return dates;
    }

    public async IAsyncEnumerable<PortfolioDayRow> ReadPortfolioDaysAsync(string portfolioId, long version, DateOnly start, DateOnly end, DateOnly? after, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // One statement: the days, the staleness of the (few) stale position days and the restated dates.
        await using var command = dataSource.CreateCommand(
            $"""
            WITH stale AS (
                SELECT p.valuation_date, max(p.price_staleness_days) AS days FROM calc_position_timeseries p
                 WHERE p.portfolio_id = @portfolio AND p.valuation_date BETWEEN @start AND @end AND p.price_staleness_days > 0 AND {VisibleP}
                 GROUP BY p.valuation_date),
            superseded AS (
                SELECT DISTINCT valuation_date FROM calc_portfolio_timeseries
                 WHERE portfolio_id = @portfolio AND valuation_date BETWEEN @start AND @end AND valid_to IS NOT NULL AND valid_to <= @v)
            SELECT p.valuation_date, p.bod_market_value, p.eod_market_value, p.position_count, p.unvalued_position_count, p.valid_from,
                   COALESCE(s.days, 0), r.valuation_date IS NOT NULL
              FROM calc_portfolio_timeseries p
              LEFT JOIN stale s ON s.valuation_date = p.valuation_date
              LEFT JOIN superseded r ON r.valuation_date = p.valuation_date
             WHERE p.portfolio_id = @portfolio AND p.valuation_date BETWEEN @start AND @end AND {VisibleP}
               AND (@after::date IS NULL OR p.valuation_date > @after)
             ORDER BY p.valuation_date
             LIMIT @limit
            """);
        command.Parameters.AddWithValue("portfolio", portfolioId);
        command.Parameters.AddWithValue("v", version);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Date) { Value = after is { } a ? a : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Bigint) { Value = limit > 0 ? limit : DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return new PortfolioDayRow(
                reader.GetFieldValue<DateOnly>(0),
                Decimal(reader, 1),
                Decimal(reader, 2),
                reader.GetInt32(3),
                reader.GetInt32(4),
                reader.GetInt32(6),
                reader.GetBoolean(7),
                reader.GetInt64(5));
        }
    }

    /// <summary>Largest price staleness per date among the visible position days that have one (few: partial index).</summary>
    private async Task<Dictionary<DateOnly, int>> StalenessAsync(string portfolioId, long version, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT p.valuation_date, max(p.price_staleness_days) FROM calc_position_timeseries p
             WHERE p.portfolio_id = @portfolio AND p.valuation_date BETWEEN @start AND @end AND p.price_staleness_days > 0 AND {VisibleP}
             GROUP BY p.valuation_date
            """);
        command.Parameters.AddWithValue("portfolio", portfolioId);
        command.Parameters.AddWithValue("v", version);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        var result = new Dictionary<DateOnly, int>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetFieldValue<DateOnly>(0)] = reader.GetInt32(1);
        }

        return result;
    }

    /// <summary>Keys (security or "" for portfolio days, date) with a row superseded at or before the version: restated.</summary>
    private async Task<HashSet<(string SecurityId, DateOnly Date)>> SupersededAsync(string table, string portfolioId, long version, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        var security = table == "calc_position_timeseries" ? "security_id" : "''";
        await using var command = dataSource.CreateCommand(
            $"SELECT DISTINCT {security}, valuation_date FROM {table} WHERE portfolio_id = @portfolio AND valuation_date BETWEEN @start AND @end AND valid_to IS NOT NULL AND valid_to <= @v");
        command.Parameters.AddWithValue("portfolio", portfolioId);
        command.Parameters.AddWithValue("v", version);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        var result = new HashSet<(string, DateOnly)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1)));
        }

        return result;
    }

    public async IAsyncEnumerable<PositionDayRow> ReadPositionDaysAsync(string portfolioId, long version, DateOnly start, DateOnly end, KeysetCursor? after, IReadOnlyCollection<string>? securityIds, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var restated = await SupersededAsync("calc_position_timeseries", portfolioId, version, start, end, cancellationToken).ConfigureAwait(false);
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT p.security_id, p.valuation_date, COALESCE(i.currency, ''), p.quantity, p.bod_market_value, p.eod_market_value, p.fx_rate,
                   COALESCE(p.price_staleness_days, 0), p.valuation_status, false, p.valid_from,
                   p.market_value, p.cost_basis, p.cost_basis_local, p.unrealized_gain_loss
              FROM calc_position_timeseries p
              LEFT JOIN instruments i ON i.security_id = p.security_id
             WHERE p.portfolio_id = @portfolio AND p.valuation_date BETWEEN @start AND @end AND {VisibleP}
               AND (@after::date IS NULL OR (p.valuation_date, p.security_id) > (@after, @afterSecurity))
               AND (@securities::text[] IS NULL OR p.security_id = ANY(@securities))
             ORDER BY p.valuation_date, p.security_id
             LIMIT @limit
            """);
        command.Parameters.AddWithValue("portfolio", portfolioId);
        command.Parameters.AddWithValue("v", version);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Date) { Value = after is { } a ? a.ValuationDate : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("afterSecurity", NpgsqlDbType.Text) { Value = after is { } b ? b.SecurityId : DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("securities", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = securityIds is null ? DBNull.Value : securityIds.ToArray() });
        command.Parameters.Add(new NpgsqlParameter("limit", NpgsqlDbType.Bigint) { Value = limit > 0 ? limit : DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var security = reader.GetString(0);
            var date = reader.GetFieldValue<DateOnly>(1);
            yield return new PositionDayRow(
                security,
                date,
                reader.GetString(2),
                reader.GetDecimal(3),
                Decimal(reader, 4),
                Decimal(reader, 5),
                Decimal(reader, 6),
                reader.GetInt32(7),
                reader.GetString(8),
                restated.Count > 0 && restated.Contains((security, date)),
                reader.GetInt64(10),
                Decimal(reader, 11),
                reader.GetDecimal(12),
                reader.GetDecimal(13),
                Decimal(reader, 14));
        }
    }

    public async Task<IReadOnlyDictionary<string, decimal?>> ReadPriorEodAsync(string portfolioId, long version, IReadOnlyList<(string SecurityId, DateOnly Before)> keys, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT k.security_id, x.eod_market_value
              FROM unnest(@securities::text[], @dates::date[]) AS k(security_id, before)
              CROSS JOIN LATERAL (
                SELECT p.eod_market_value FROM calc_position_timeseries p
                 WHERE p.portfolio_id = @portfolio AND p.security_id = k.security_id AND p.valuation_date < k.before AND {VisibleP}
                 ORDER BY p.valuation_date DESC LIMIT 1) x
            """);
        command.Parameters.AddWithValue("portfolio", portfolioId);
        command.Parameters.AddWithValue("v", version);
        command.Parameters.AddWithValue("securities", keys.Select(k => k.SecurityId).ToArray());
        command.Parameters.AddWithValue("dates", keys.Select(k => k.Before).ToArray());
        var result = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            result[reader.GetString(0)] = Decimal(reader, 1);
        }

        return result;
    }

    public async Task<IReadOnlyList<CashFlowRow>> ReadCashFlowsAsync(string portfolioId, long version, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT p.security_id, p.transaction_id, p.cashflow_date, p.amount, p.currency, p.classification, p.timing, p.is_position_flow, p.is_portfolio_flow
              FROM calc_cashflows p
             WHERE p.portfolio_id = @portfolio AND p.cashflow_date BETWEEN @start AND @end AND {VisibleP}
             ORDER BY p.cashflow_date, p.transaction_id
            """);
        command.Parameters.AddWithValue("portfolio", portfolioId);
        command.Parameters.AddWithValue("v", version);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        var flows = new List<CashFlowRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            flows.Add(new CashFlowRow(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetDecimal(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetBoolean(7), reader.GetBoolean(8)));
        }

        return flows;
    }

    public async Task<WindowSummary> SummarizeAsync(string portfolioId, long version, DateOnly start, DateOnly end, bool positions, IReadOnlyCollection<string>? securityIds, CancellationToken cancellationToken)
    {
        // Per date: row count, unvalued rows, restated rows, stale rows, max staleness.
        var sql = positions
            ? $"""
              SELECT p.valuation_date, count(*), count(*) FILTER (WHERE p.eod_market_value IS NULL),
                     count(*) FILTER (WHERE p.eod_market_value IS NOT NULL AND (p.security_id, p.valuation_date) IN (
                         SELECT o.security_id, o.valuation_date FROM calc_position_timeseries o
                          WHERE o.portfolio_id = @portfolio AND o.valuation_date BETWEEN @start AND @end AND o.valid_to IS NOT NULL AND o.valid_to <= @v)),
                     count(*) FILTER (WHERE COALESCE(p.price_staleness_days, 0) > 0), COALESCE(max(p.price_staleness_days), 0)
                FROM calc_position_timeseries p
               WHERE p.portfolio_id = @portfolio AND p.valuation_date BETWEEN @start AND @end AND {VisibleP}
                 AND (@securities::text[] IS NULL OR p.security_id = ANY(@securities))
               GROUP BY p.valuation_date ORDER BY p.valuation_date
              """
            : $"""
              SELECT p.valuation_date, 1,
                     CASE WHEN p.unvalued_position_count > 0 OR p.eod_market_value IS NULL THEN 1 ELSE 0 END,
                     CASE WHEN EXISTS (SELECT 1 FROM calc_portfolio_timeseries o WHERE o.portfolio_id = p.portfolio_id AND o.valuation_date = p.valuation_date AND o.valid_to IS NOT NULL AND o.valid_to <= @v) THEN 1 ELSE 0 END,
                     0, 0
                FROM calc_portfolio_timeseries p
               WHERE p.portfolio_id = @portfolio AND p.valuation_date BETWEEN @start AND @end AND {VisibleP}
               ORDER BY p.valuation_date
              """;
        await using var command = dataSource.CreateCommand(sql);
        command.Parameters.AddWithValue("portfolio", portfolioId);
        command.Parameters.AddWithValue("v", version);
        command.Parameters.AddWithValue("start", start);
        command.Parameters.AddWithValue("end", end);
        if (positions)
        {
            command.Parameters.Add(new NpgsqlParameter("securities", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = securityIds is null ? DBNull.Value : securityIds.ToArray() });
        }

        var dates = new List<DateOnly>();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int stale = 0, maxStaleness = 0, maxPerDate = 0;
        long rows = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            dates.Add(reader.GetFieldValue<DateOnly>(0));
            var total = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
            var unvalued = Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
            var restated = Math.Min(Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture), total - unvalued);
            Add(counts, ValuationStatuses.Provisional, unvalued);
            Add(counts, ValuationStatuses.Restated, restated);
            Add(counts, ValuationStatuses.Final, total - unvalued - restated);
            stale += Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture);
            maxStaleness = Math.Max(maxStaleness, reader.GetInt32(5));
            maxPerDate = Math.Max(maxPerDate, total);
            rows += total;
        }

        if (!positions)
        {
            var staleness = await StalenessAsync(portfolioId, version, start, end, cancellationToken).ConfigureAwait(false);
            stale = staleness.Count;
            maxStaleness = staleness.Count == 0 ? 0 : staleness.Values.Max();
        }

        return new WindowSummary(dates, counts, stale, maxStaleness, rows, maxPerDate);
    }

    public async Task<DateOnly?> GetPerformanceEndDateAsync(string portfolioId, long version, DateOnly asOfDate, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT p.valuation_date FROM calc_portfolio_timeseries p
             WHERE p.portfolio_id = @portfolio AND p.valuation_date <= @asOf AND {VisibleP}
               AND EXISTS (SELECT 1 FROM calc_position_timeseries x WHERE x.portfolio_id = p.portfolio_id AND x.valuation_date = p.valuation_date
                              AND x.valid_from <= @v AND (x.valid_to IS NULL OR x.valid_to > @v))
             ORDER BY p.valuation_date DESC LIMIT 1
            """);
        command.Parameters.AddWithValue("portfolio", portfolioId);
        command.Parameters.AddWithValue("v", version);
        command.Parameters.AddWithValue("asOf", asOfDate);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is DateOnly date ? date : null;
    }

    public async Task<IReadOnlyList<FxRateRow>> ReadFxRatesAsync(string fromCurrency, string toCurrency, DateOnly start, DateOnly end, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT from_currency, to_currency, rate_date, rate, updated_at FROM fx_rates WHERE from_currency = $1 AND to_currency = $2 AND rate_date BETWEEN $3 AND $4 ORDER BY rate_date");
        command.Parameters.Add(new() { Value = fromCurrency });
        command.Parameters.Add(new() { Value = toCurrency });
        command.Parameters.Add(new() { Value = start });
        command.Parameters.Add(new() { Value = end });
        var rates = new List<FxRateRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rates.Add(new FxRateRow(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2), reader.GetDecimal(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return rates;
    }

    public Task<IReadOnlyList<InstrumentRow>> GetInstrumentsAsync(IReadOnlyCollection<string> securityIds, CancellationToken cancellationToken)
        => ReadInstrumentsAsync("WHERE security_id = ANY(@ids)", c => c.Parameters.AddWithValue("ids", securityIds.ToArray()), cancellationToken);

    public Task<IReadOnlyList<InstrumentRow>> GetPortfolioInstrumentsAsync(string portfolioId, long version, CancellationToken cancellationToken)
        => ReadInstrumentsAsync(
            $"WHERE security_id IN (SELECT DISTINCT p.security_id FROM calc_position_timeseries p WHERE p.portfolio_id = @portfolio AND {VisibleP})",
            c =>
            {
                c.Parameters.AddWithValue("portfolio", portfolioId);
                c.Parameters.AddWithValue("v", version);
            },
            cancellationToken);

    private async Task<IReadOnlyList<InstrumentRow>> ReadInstrumentsAsync(string where, Action<NpgsqlCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT security_id, currency, isin, asset_class, sector, country_of_risk, liquidity_tier, issuer_id, issuer_name, ultimate_parent_issuer_id, ultimate_parent_issuer_name FROM instruments {where} ORDER BY security_id");
        bind(command);
        var rows = new List<InstrumentRow>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new InstrumentRow(reader.GetString(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7), Text(reader, 8), Text(reader, 9), Text(reader, 10)));
        }

        return rows;
    }

    private static void Add(Dictionary<string, int> counts, string key, int value)
    {
        if (value > 0)
        {
            counts[key] = counts.GetValueOrDefault(key) + value;
        }
    }

    private static string? Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static decimal? Decimal(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetDecimal(ordinal);
}
