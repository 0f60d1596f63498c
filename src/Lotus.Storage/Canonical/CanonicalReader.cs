using Lotus.Core.V1;
using Lotus.Storage.Canonical.Internal;
using Npgsql;
using NpgsqlTypes;

namespace Lotus.Storage.Canonical;

/// <summary>
/// Keyset-paged reads of the canonical tables, streamed row by row into contract messages. Each
/// sort order is backed by an index of 0100_canonical.sql. Decimals come back at scale 10.
/// </summary>
public static class CanonicalReader
{
    public const string PortfolioSortKey = "portfolio_id:asc";
    public const string InstrumentSortKey = "security_id:asc";
    public const string TransactionSortKey = "transaction_date:asc,transaction_id:asc";
    public const string MarketPriceSortKey = "price_date:asc";
    public const string FxRateSortKey = "rate_date:asc";

    private static readonly string[] PortfolioSort = ["portfolio_id"];
    private static readonly string[] InstrumentSort = ["security_id"];
    private static readonly string[] TransactionSort = ["transaction_date", "transaction_id"];
    private static readonly string[] MarketPriceSort = ["price_date"];
    private static readonly string[] FxRateSort = ["rate_date"];

    public static async Task<Portfolio?> ReadPortfolioAsync(NpgsqlConnection connection, string portfolioId, CancellationToken cancellationToken = default)
    {
        var command = new KeysetCommand<Portfolio>(PortfolioTable.Instance)
            .Where("portfolio_id = @portfolio_id", new NpgsqlParameter("portfolio_id", portfolioId));
        await foreach (var row in command.ReadAsync(connection, PortfolioSort, 1, cancellationToken).ConfigureAwait(false))
        {
            return row;
        }

        return null;
    }

    public static IAsyncEnumerable<Portfolio> ReadPortfoliosAsync(NpgsqlConnection connection, PortfolioQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var command = new KeysetCommand<Portfolio>(PortfolioTable.Instance);
        if (query.PortfolioIds.Count > 0)
        {
            command.Where("portfolio_id = ANY(@portfolio_ids)", new NpgsqlParameter("portfolio_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = query.PortfolioIds.ToArray() });
        }

        if (query.ClientId.Length > 0)
        {
            command.Where("client_id = @client_id", new NpgsqlParameter("client_id", query.ClientId));
        }

        if (query.BookingCenterCode.Length > 0)
        {
            command.Where("booking_center_code = @booking_center_code", new NpgsqlParameter("booking_center_code", query.BookingCenterCode));
        }

        command.After(PortfolioSort, query.AfterPortfolioId is null ? null : [query.AfterPortfolioId]);
        return command.ReadAsync(connection, PortfolioSort, query.Limit, cancellationToken);
    }

    public static IAsyncEnumerable<Instrument> ReadInstrumentsAsync(NpgsqlConnection connection, InstrumentQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var command = new KeysetCommand<Instrument>(InstrumentTable.Instance);
        if (query.SecurityIds.Count > 0)
        {
            command.Where("security_id = ANY(@security_ids)", new NpgsqlParameter("security_ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = query.SecurityIds.ToArray() });
        }

        if (query.ProductType.Length > 0)
        {
            command.Where("product_type = @product_type", new NpgsqlParameter("product_type", query.ProductType));
        }

        command.After(InstrumentSort, query.AfterSecurityId is null ? null : [query.AfterSecurityId]);
        return command.ReadAsync(connection, InstrumentSort, query.Limit, cancellationToken);
    }

    public static IAsyncEnumerable<Transaction> ReadTransactionsAsync(NpgsqlConnection connection, TransactionQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var command = new KeysetCommand<Transaction>(TransactionTable.Instance)
            .Where("portfolio_id = @portfolio_id", new NpgsqlParameter("portfolio_id", query.PortfolioId));
        if (query.SecurityId.Length > 0)
        {
            command.Where("security_id = @security_id", new NpgsqlParameter("security_id", query.SecurityId));
        }

        if (query.TransactionType.Length > 0)
        {
            command.Where("transaction_type = @transaction_type", new NpgsqlParameter("transaction_type", query.TransactionType));
        }

        AddDateRange(command, "transaction_date", query.StartDate, query.EndDate);
        command.After(TransactionSort, query.After is null ? null : [query.After.TransactionDate, query.After.TransactionId]);
        return command.ReadAsync(connection, TransactionSort, query.Limit, cancellationToken);
    }

    public static IAsyncEnumerable<MarketPrice> ReadMarketPricesAsync(NpgsqlConnection connection, MarketPriceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var command = new KeysetCommand<MarketPrice>(MarketPriceTable.Instance)
            .Where("security_id = @security_id", new NpgsqlParameter("security_id", query.SecurityId));
        AddDateRange(command, "price_date", query.StartDate, query.EndDate);
        command.After(MarketPriceSort, query.AfterPriceDate is { } after ? [after] : null);
        return command.ReadAsync(connection, MarketPriceSort, query.Limit, cancellationToken);
    }

    public static IAsyncEnumerable<FxRate> ReadFxRatesAsync(NpgsqlConnection connection, FxRateQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var command = new KeysetCommand<FxRate>(FxRateTable.Instance)
            .Where("from_currency = @from_currency", new NpgsqlParameter("from_currency", query.FromCurrency))
            .Where("to_currency = @to_currency", new NpgsqlParameter("to_currency", query.ToCurrency));
        AddDateRange(command, "rate_date", query.StartDate, query.EndDate);
        command.After(FxRateSort, query.AfterRateDate is { } after ? [after] : null);
        return command.ReadAsync(connection, FxRateSort, query.Limit, cancellationToken);
    }

    /// <summary>The latest date of a business calendar, or null when it has none.</summary>
    public static async Task<DateOnly?> ReadLatestBusinessDateAsync(NpgsqlConnection connection, string calendarCode = "GLOBAL", CancellationToken cancellationToken = default)
    {
        await using var command = new NpgsqlCommand("SELECT max(business_date) FROM business_dates WHERE calendar_code = @calendar_code", connection);
        command.Parameters.AddWithValue("calendar_code", calendarCode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0)
            ? reader.GetFieldValue<DateOnly>(0)
            : null;
    }

    private static void AddDateRange<T>(KeysetCommand<T> command, string column, DateOnly? start, DateOnly? end)
        where T : Google.Protobuf.IMessage<T>
    {
        if (start is { } from)
        {
            command.Where($"{column} >= @start_date", new NpgsqlParameter("start_date", NpgsqlDbType.Date) { Value = from });
        }

        if (end is { } to)
        {
            command.Where($"{column} <= @end_date", new NpgsqlParameter("end_date", NpgsqlDbType.Date) { Value = to });
        }
    }
}
