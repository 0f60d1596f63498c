using Lotus.Storage.Canonical;

namespace Lotus.Host.Services.Ingestion.Validation;

/// <summary>
/// Validates (and normalises) every record of a batch, collecting violations named
/// "collection[index].field" with indexes counted from <see cref="BatchOffsets"/>. Stops once the
/// collector is full. Repeated business keys are found later, in the staging tables.
/// </summary>
internal static class BatchValidator
{
    public static void Validate(IngestionBatch batch, BatchOffsets offsets, ViolationCollector violations, DateOnly latestBusinessDate)
    {
        for (var i = 0; i < batch.BusinessDates.Count && !violations.IsFull; i++)
        {
            ReferenceDataRules.Validate(batch.BusinessDates[i], new RecordScope(violations, Collections.BusinessDates, offsets.BusinessDates + i), latestBusinessDate);
        }

        for (var i = 0; i < batch.Portfolios.Count && !violations.IsFull; i++)
        {
            ReferenceDataRules.Validate(batch.Portfolios[i], new RecordScope(violations, Collections.Portfolios, offsets.Portfolios + i));
        }

        for (var i = 0; i < batch.Instruments.Count && !violations.IsFull; i++)
        {
            ReferenceDataRules.Validate(batch.Instruments[i], new RecordScope(violations, Collections.Instruments, offsets.Instruments + i));
        }

        for (var i = 0; i < batch.Transactions.Count && !violations.IsFull; i++)
        {
            TransactionRules.Validate(batch.Transactions[i], new RecordScope(violations, Collections.Transactions, offsets.Transactions + i));
        }

        for (var i = 0; i < batch.MarketPrices.Count && !violations.IsFull; i++)
        {
            ReferenceDataRules.Validate(batch.MarketPrices[i], new RecordScope(violations, Collections.MarketPrices, offsets.MarketPrices + i));
        }

        for (var i = 0; i < batch.FxRates.Count && !violations.IsFull; i++)
        {
            ReferenceDataRules.Validate(batch.FxRates[i], new RecordScope(violations, Collections.FxRates, offsets.FxRates + i));
        }
    }

    /// <summary>Reports staged records that repeat an earlier record's business key.</summary>
    public static void AddDuplicates(IReadOnlyList<DuplicateRecord> duplicates, ViolationCollector violations)
    {
        foreach (var duplicate in duplicates)
        {
            var (collection, keyField) = duplicate.Entity switch
            {
                CanonicalEntity.BusinessDate => (Collections.BusinessDates, "business_date"),
                CanonicalEntity.Portfolio => (Collections.Portfolios, "portfolio_id"),
                CanonicalEntity.Instrument => (Collections.Instruments, "security_id"),
                CanonicalEntity.Transaction => (Collections.Transactions, "transaction_id"),
                CanonicalEntity.MarketPrice => (Collections.MarketPrices, "price_date"),
                _ => (Collections.FxRates, "rate_date"),
            };
            violations.Add(collection, duplicate.Index, keyField, $"repeats the key of {collection}[{duplicate.FirstIndex}] in the same request");
        }
    }

    /// <summary>Request field names of the record lists.</summary>
    public static class Collections
    {
        public const string BusinessDates = "business_dates";
        public const string Portfolios = "portfolios";
        public const string Instruments = "instruments";
        public const string Transactions = "transactions";
        public const string MarketPrices = "market_prices";
        public const string FxRates = "fx_rates";
    }
}
