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

/// <summary>
/// Topics of canonical-data events and their partition keys. transactions, market prices and FX
/// rates use the "*.persisted" topics of <see cref="Lotus.Messaging.LotusTopics"/>; portfolios,
/// instruments and business dates get "*.persisted" topics of their own (the original only had raw
/// topics for them, because a separate persistence service wrote the rows). Declare
/// <see cref="Definitions"/> with IEventTransport.EnsureTopicsAsync at start-up.
/// </summary>
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

    /// <summary>Every topic above with its partition count.</summary>
    public static IReadOnlyList<Lotus.Messaging.TopicDefinition> Definitions { get; } =
    [
        new(Portfolios, 4),
        new(Instruments, 8),
        Lotus.Messaging.LotusTopics.TransactionsPersisted,
        Lotus.Messaging.LotusTopics.MarketPricesPersisted,
        Lotus.Messaging.LotusTopics.FxRatesPersisted,
        new(BusinessDates, 1),
    ];

    /// <summary>Partition count of a topic of <see cref="Definitions"/> (the event log's key -> partition mapping).</summary>
    public static int PartitionCount(string topic)
    {
        foreach (var definition in Definitions)
        {
            if (string.Equals(definition.Name, topic, StringComparison.Ordinal))
            {
                return definition.Partitions;
            }
        }

        throw new ArgumentException($"'{topic}' is not an ingestion topic.", nameof(topic));
    }
}
