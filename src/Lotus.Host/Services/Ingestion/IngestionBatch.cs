using Lotus.Core.V1;

namespace Lotus.Host.Services.Ingestion;

/// <summary>
/// The records of one request (or one stream chunk), whatever rpc carried them; list names match
/// the request fields, so violation paths read the same in every rpc.
/// </summary>
internal sealed class IngestionBatch
{
    public IReadOnlyList<BusinessDate> BusinessDates { get; init; } = [];

    public IReadOnlyList<Portfolio> Portfolios { get; init; } = [];

    public IReadOnlyList<Instrument> Instruments { get; init; } = [];

    public IReadOnlyList<Transaction> Transactions { get; init; } = [];

    public IReadOnlyList<MarketPrice> MarketPrices { get; init; } = [];

    public IReadOnlyList<FxRate> FxRates { get; init; } = [];

    public int Count
        => BusinessDates.Count + Portfolios.Count + Instruments.Count + Transactions.Count + MarketPrices.Count + FxRates.Count;
}

/// <summary>Records of each kind already seen earlier in the request: the index of the next one.</summary>
internal struct BatchOffsets
{
    public int BusinessDates;
    public int Portfolios;
    public int Instruments;
    public int Transactions;
    public int MarketPrices;
    public int FxRates;

    public void Advance(IngestionBatch batch)
    {
        BusinessDates += batch.BusinessDates.Count;
        Portfolios += batch.Portfolios.Count;
        Instruments += batch.Instruments.Count;
        Transactions += batch.Transactions.Count;
        MarketPrices += batch.MarketPrices.Count;
        FxRates += batch.FxRates.Count;
    }

    public readonly int Total => BusinessDates + Portfolios + Instruments + Transactions + MarketPrices + FxRates;

    /// <summary>The ack entity type of everything seen: the single kind, or "bundle" when mixed or empty.</summary>
    public readonly string EntityType
    {
        get
        {
            (int Count, string Name)[] kinds =
            [
                (BusinessDates, EntityTypes.BusinessDate), (Portfolios, EntityTypes.Portfolio), (Instruments, EntityTypes.Instrument),
                (Transactions, EntityTypes.Transaction), (MarketPrices, EntityTypes.MarketPrice), (FxRates, EntityTypes.FxRate),
            ];
            var present = kinds.Where(k => k.Count > 0).ToArray();
            return present.Length == 1 ? present[0].Name : EntityTypes.Bundle;
        }
    }
}

/// <summary>IngestionAck.entity_type values.</summary>
internal static class EntityTypes
{
    public const string Portfolio = "portfolio";
    public const string Instrument = "instrument";
    public const string Transaction = "transaction";
    public const string MarketPrice = "market_price";
    public const string FxRate = "fx_rate";
    public const string BusinessDate = "business_date";
    public const string Bundle = "bundle";
}
