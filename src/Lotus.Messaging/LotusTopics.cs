namespace Lotus.Messaging;

/// <summary>
/// Topics of the original system with their partition counts (contracts §5.1, topic runtime
/// contract v1.3.0). Keys are given per topic there; dates are never key components.
/// </summary>
public static class LotusTopics
{
    /// <summary>Key: portfolio_id.</summary>
    public static readonly TopicDefinition PortfoliosRawReceived = new("portfolios.raw.received", 4);

    /// <summary>Key: <c>portfolio_id|transaction-group|&lt;group&gt;</c> when linked, else <c>portfolio_id|security_id</c>.</summary>
    public static readonly TopicDefinition TransactionsRawReceived = new("transactions.raw.received", 12);

    /// <summary>Key: security_id.</summary>
    public static readonly TopicDefinition InstrumentsReceived = new("instruments.received", 8);

    /// <summary>Key: security_id.</summary>
    public static readonly TopicDefinition MarketPricesRawReceived = new("market_prices.raw.received", 12);

    /// <summary>Key: <c>from_currency|to_currency</c>.</summary>
    public static readonly TopicDefinition FxRatesRawReceived = new("fx_rates.raw.received", 4);

    /// <summary>Key: calendar_code.</summary>
    public static readonly TopicDefinition BusinessDatesRawReceived = new("business_dates.raw.received", 1);

    /// <summary>Key: as raw transactions. Consumed by transaction processing (cost, positions, cashflows).</summary>
    public static readonly TopicDefinition TransactionsPersisted = new("transactions.persisted", 12);

    /// <summary>Key: security_id.</summary>
    public static readonly TopicDefinition MarketPricesPersisted = new("market_prices.persisted", 12);

    /// <summary>Key: currency pair.</summary>
    public static readonly TopicDefinition FxRatesPersisted = new("fx_rates.persisted", 4);

    /// <summary>Key: <c>portfolio_id|security_id</c>.</summary>
    public static readonly TopicDefinition ValuationReady = new("portfolio_security_day.valuation.ready", 8);

    /// <summary>Key: <c>portfolio_id|security_id</c>.</summary>
    public static readonly TopicDefinition ValuationJobRequested = new("valuation.job.requested", 8);

    /// <summary>Key: <c>portfolio_id|security_id</c>.</summary>
    public static readonly TopicDefinition ValuationSnapshotPersisted = new("valuation.snapshot.persisted", 8);

    /// <summary>Key: portfolio_id.</summary>
    public static readonly TopicDefinition TransactionsReprocessingRequested = new("transactions.reprocessing.requested", 8);

    /// <summary>Key: portfolio_id.</summary>
    public static readonly TopicDefinition ReconciliationRequested = new("portfolio_day.reconciliation.requested", 4);

    /// <summary>Every topic above.</summary>
    public static IReadOnlyList<TopicDefinition> All { get; } =
    [
        PortfoliosRawReceived, TransactionsRawReceived, InstrumentsReceived, MarketPricesRawReceived, FxRatesRawReceived,
        BusinessDatesRawReceived, TransactionsPersisted, MarketPricesPersisted, FxRatesPersisted, ValuationReady,
        ValuationJobRequested, ValuationSnapshotPersisted, TransactionsReprocessingRequested, ReconciliationRequested,
    ];
}
