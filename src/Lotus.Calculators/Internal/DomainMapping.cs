using Lotus.Domain;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;
using Lotus.Storage.Calculated;

namespace Lotus.Calculators.Internal;

/// <summary>Canonical rows to domain records. Throws <see cref="DomainValidationException"/> for codes the domain refuses.</summary>
internal static class DomainMapping
{
    public static Portfolio ToDomain(PortfolioRow row)
        => new(row.PortfolioId, CurrencyCode.Parse(row.BaseCurrency, "base_currency"), CostBasisMethods.Parse(row.CostBasisMethod));

    public static Instrument ToDomain(InstrumentRow row)
        => new(row.SecurityId, CurrencyCode.Parse(row.Currency), row.ProductType, row.AssetClass ?? string.Empty);

    public static Transaction ToDomain(TransactionRow r) => new()
    {
        TransactionId = r.TransactionId,
        PortfolioId = r.PortfolioId,
        SecurityId = r.SecurityId,
        TransactionType = TransactionTypes.Parse(r.TransactionType),
        TransactionDate = Midnight(r.TransactionDate),
        SettlementDate = r.SettlementDate is { } s ? Midnight(s) : null,
        Quantity = r.Quantity,
        Price = r.Price,
        GrossTransactionAmount = r.GrossTransactionAmount,
        TradeCurrency = CurrencyCode.Parse(r.TradeCurrency, "trade_currency"),
        Currency = CurrencyCode.Parse(r.Currency),
        TradeFee = r.TradeFee,
        FeeComponents = r.Brokerage is null && r.StampDuty is null && r.ExchangeFee is null && r.Gst is null && r.OtherFees is null
            ? null
            : new FeeComponents(r.Brokerage, r.StampDuty, r.ExchangeFee, r.Gst, r.OtherFees),
        TransactionFxRate = r.TransactionFxRate,
        MovementDirection = r.MovementDirection switch
        {
            null or "INFLOW" => MovementDirection.Inflow,
            "OUTFLOW" => MovementDirection.Outflow,
            _ => throw new DomainValidationException("movement_direction", $"unknown movement direction '{r.MovementDirection}'"),
        },
        InterestDirection = r.InterestDirection switch
        {
            null or "INCOME" => InterestDirection.Income,
            "EXPENSE" => InterestDirection.Expense,
            _ => throw new DomainValidationException("interest_direction", $"unknown interest direction '{r.InterestDirection}'"),
        },
        WithholdingTaxAmount = r.WithholdingTaxAmount,
        OtherInterestDeductionsAmount = r.OtherInterestDeductionsAmount,
        NetInterestAmount = r.NetInterestAmount,
        CashEntryMode = r.CashEntryMode switch
        {
            null => CashEntryMode.Default,
            "AUTO_GENERATE" => CashEntryMode.AutoGenerate,
            "UPSTREAM_PROVIDED" => CashEntryMode.UpstreamProvided,
            "NONE" => CashEntryMode.None,
            _ => throw new DomainValidationException("cash_entry_mode", $"unknown cash entry mode '{r.CashEntryMode}'"),
        },
        SettlementCashAccountId = r.SettlementCashAccountId,
        SettlementCashInstrumentId = r.SettlementCashInstrumentId,
        EconomicEventId = r.EconomicEventId,
        LinkedTransactionGroupId = r.LinkedTransactionGroupId,
    };

    private static DateTimeOffset Midnight(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
