namespace Lotus.Host.Services.Ingestion;

/// <summary>
/// One event for the calculators: a canonical record as written (after normalisation).
/// </summary>
/// <param name="Topic">See <see cref="IngestionTopics"/>.</param>
/// <param name="Key">Partition key: events of one key keep their order.</param>
/// <param name="EventType">Full protobuf name of the payload, e.g. "lotus.core.v1.Transaction".</param>
/// <param name="Payload">The record's protobuf bytes.</param>
public sealed record IngestionEvent(string Topic, string Key, string EventType, byte[] Payload);

/// <summary>What every event of one write shares (headers of the durable log).</summary>
public sealed record IngestionEventContext(string JobId, string CorrelationId, string? IdempotencyKey);

/// <summary>Topics of canonical-data events and their partition keys.</summary>
public static class IngestionTopics
{
    /// <summary>Key portfolio_id.</summary>
    public const string Portfolios = "portfolios.persisted";

    /// <summary>Key security_id.</summary>
    public const string Instruments = "instruments.persisted";

    /// <summary>Key portfolio_id (the log is partitioned by portfolio; ARCHITECTURE.md "Messaging").</summary>
    public const string Transactions = "transactions.persisted";

    /// <summary>Key security_id.</summary>
    public const string MarketPrices = "market_prices.persisted";

    /// <summary>Key "from_currency|to_currency".</summary>
    public const string FxRates = "fx_rates.persisted";

    /// <summary>Key calendar_code.</summary>
    public const string BusinessDates = "business_dates.persisted";
}
