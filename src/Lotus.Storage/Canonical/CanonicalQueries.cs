namespace Lotus.Storage.Canonical;

/// <summary>Portfolios filtered by any of ids, client and booking center; sorted by portfolio_id.</summary>
public sealed record PortfolioQuery(
    IReadOnlyList<string> PortfolioIds, string ClientId, string BookingCenterCode, string? AfterPortfolioId, int Limit);

/// <summary>Instruments filtered by ids and product type; sorted by security_id.</summary>
public sealed record InstrumentQuery(IReadOnlyList<string> SecurityIds, string ProductType, string? AfterSecurityId, int Limit);

/// <summary>Keyset position of a transaction in (transaction_date, transaction_id) order.</summary>
public sealed record TransactionCursor(DateOnly TransactionDate, string TransactionId);

/// <summary>A portfolio's transactions, optionally narrowed; sorted by (transaction_date, transaction_id).</summary>
public sealed record TransactionQuery(
    string PortfolioId, string SecurityId, string TransactionType, DateOnly? StartDate, DateOnly? EndDate, TransactionCursor? After, int Limit);

/// <summary>A security's prices in a date range; sorted by price_date.</summary>
public sealed record MarketPriceQuery(string SecurityId, DateOnly? StartDate, DateOnly? EndDate, DateOnly? AfterPriceDate, int Limit);

/// <summary>A direct pair's rates in a date range; sorted by rate_date.</summary>
public sealed record FxRateQuery(string FromCurrency, string ToCurrency, DateOnly? StartDate, DateOnly? EndDate, DateOnly? AfterRateDate, int Limit);
