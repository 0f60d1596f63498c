namespace Lotus.Storage.Calculated;

/// <summary>A canonical transaction as the calculators load it (codes as stored; mapped to the domain by the caller).</summary>
public sealed record TransactionRow(
    string TransactionId,
    string PortfolioId,
    string SecurityId,
    DateOnly TransactionDate,
    DateOnly? SettlementDate,
    string TransactionType,
    decimal Quantity,
    decimal Price,
    decimal GrossTransactionAmount,
    string TradeCurrency,
    string Currency,
    decimal? TransactionFxRate,
    decimal? TradeFee,
    decimal? Brokerage,
    decimal? StampDuty,
    decimal? ExchangeFee,
    decimal? Gst,
    decimal? OtherFees,
    string? MovementDirection,
    string? InterestDirection,
    string? CashEntryMode,
    string? SettlementCashInstrumentId,
    string? EconomicEventId,
    string? LinkedTransactionGroupId,
    string? SettlementCashAccountId,
    decimal? WithholdingTaxAmount,
    decimal? OtherInterestDeductionsAmount,
    decimal? NetInterestAmount);

/// <summary>A canonical portfolio (the fields the calculators use).</summary>
public sealed record PortfolioRow(string PortfolioId, string BaseCurrency, string CostBasisMethod);

/// <summary>A canonical instrument (the fields the calculators use).</summary>
public sealed record InstrumentRow(string SecurityId, string Currency, string ProductType, string? AssetClass);

/// <summary>A market price row.</summary>
public readonly record struct PriceRow(string SecurityId, DateOnly PriceDate, decimal Price, string Currency);

/// <summary>An FX rate row (amount_to = amount_from x rate).</summary>
public readonly record struct FxRow(string FromCurrency, string ToCurrency, DateOnly RateDate, decimal Rate);

/// <summary>Portfolios of one batch with all their transactions and their current data versions.</summary>
public sealed class PortfolioBatchInputs
{
    public Dictionary<string, PortfolioRow> Portfolios { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<TransactionRow>> Transactions { get; } = new(StringComparer.Ordinal);

    /// <summary>Current data version per portfolio (absent: never calculated).</summary>
    public Dictionary<string, long> Versions { get; } = new(StringComparer.Ordinal);

    /// <summary>Current cost rows per portfolio: (transaction_id, security_id, transaction_date) as last calculated.</summary>
    public Dictionary<string, List<(string TransactionId, string SecurityId, DateOnly Date)>> Calculated { get; } = new(StringComparer.Ordinal);

    /// <summary>GLOBAL business dates, ascending.</summary>
    public DateOnly[] BusinessDates { get; set; } = [];
}

/// <summary>Reference and market data for the securities and currency pairs a batch needs.</summary>
public sealed class MarketInputs
{
    public Dictionary<string, InstrumentRow> Instruments { get; } = new(StringComparer.Ordinal);

    public List<PriceRow> Prices { get; } = [];

    public List<FxRow> FxRates { get; } = [];
}
