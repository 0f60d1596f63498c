using Lotus.Core.V1;

namespace Lotus.Host.Services.Ingestion.Validation;

/// <summary>
/// Contract-level rules of a booked transaction (transaction.proto; contracts §1.3; semantics §1,
/// §1.1, §2.3). Cost and position rules that need history belong to the calculators.
/// Valid records are normalised in place: vocabulary codes upper-cased.
/// </summary>
internal static class TransactionRules
{
    /// <summary>The bookable types of transaction.proto, in its order.</summary>
    public static readonly string[] Types =
    [
        "BUY", "SELL", "DIVIDEND", "INTEREST", "FEE", "TAX", "DEPOSIT", "WITHDRAWAL", "TRANSFER_IN",
        "TRANSFER_OUT", "ADJUSTMENT", "SPLIT", "REVERSE_SPLIT", "BONUS_ISSUE", "STOCK_DIVIDEND",
    ];

    private static readonly string[] MovementDirections = ["INFLOW", "OUTFLOW"];
    private static readonly string[] InterestDirections = ["INCOME", "EXPENSE"];
    private static readonly string[] CashEntryModes = ["AUTO_GENERATE", "UPSTREAM_PROVIDED"];

    public static void Validate(Transaction t, RecordScope scope)
    {
        FieldRules.RequiredId(scope, "transaction_id", t.TransactionId);
        FieldRules.RequiredId(scope, "portfolio_id", t.PortfolioId);
        FieldRules.RequiredId(scope, "instrument_id", t.InstrumentId);
        FieldRules.RequiredId(scope, "security_id", t.SecurityId);

        var tradeDate = FieldRules.RequiredDate(scope, "transaction_date", t.TransactionDate);
        var settlementDate = FieldRules.OptionalDate(scope, "settlement_date", t.SettlementDate);
        if (tradeDate is { } td && settlementDate is { } sd && sd < td)
        {
            scope.Add("settlement_date", "must not be before transaction_date");
        }

        var type = t.TransactionType.ToUpperInvariant();
        if (type.Length == 0)
        {
            scope.Add("transaction_type", "is required");
        }
        else if (!Types.Contains(type, StringComparer.Ordinal))
        {
            scope.Add("transaction_type", $"'{FieldRules.Shorten(t.TransactionType)}' is not a supported transaction type; supported: {string.Join(", ", Types)}");
        }
        else
        {
            t.TransactionType = type;
        }

        // Amounts are non-negative: the direction comes from the type. Empty means 0 (proto3 default).
        // A null amount was invalid and is reported already.
        var quantity = t.Quantity.Length == 0 ? 0m : FieldRules.NonNegative(scope, "quantity", t.Quantity);
        var price = t.Price.Length == 0 ? 0m : FieldRules.NonNegative(scope, "price", t.Price);
        var gross = t.GrossTransactionAmount.Length == 0 ? 0m : FieldRules.NonNegative(scope, "gross_transaction_amount", t.GrossTransactionAmount);
        FieldRules.Currency(scope, "trade_currency", t.TradeCurrency);
        FieldRules.Currency(scope, "currency", t.Currency);
        FieldRules.Positive(scope, "transaction_fx_rate", t.TransactionFxRate);

        // Semantics §1.1: fees are never negative.
        FieldRules.NonNegative(scope, "trade_fee", t.TradeFee);
        FieldRules.NonNegative(scope, "brokerage", t.Brokerage);
        FieldRules.NonNegative(scope, "stamp_duty", t.StampDuty);
        FieldRules.NonNegative(scope, "exchange_fee", t.ExchangeFee);
        FieldRules.NonNegative(scope, "gst", t.Gst);
        FieldRules.NonNegative(scope, "other_fees", t.OtherFees);
        var withholding = FieldRules.NonNegative(scope, "withholding_tax_amount", t.WithholdingTaxAmount) ?? 0m;
        var otherDeductions = FieldRules.NonNegative(scope, "other_interest_deductions_amount", t.OtherInterestDeductionsAmount) ?? 0m;
        var netInterest = FieldRules.NonNegative(scope, "net_interest_amount", t.NetInterestAmount);

        t.MovementDirection = FieldRules.OptionalCode(scope, "movement_direction", t.MovementDirection, MovementDirections);
        t.InterestDirection = FieldRules.OptionalCode(scope, "interest_direction", t.InterestDirection, InterestDirections);
        t.CashEntryMode = FieldRules.OptionalCode(scope, "cash_entry_mode", t.CashEntryMode, CashEntryModes);

        // Contracts §1.3: an upstream-provided cash leg is linked to its economic event.
        if (string.Equals(t.CashEntryMode, "UPSTREAM_PROVIDED", StringComparison.Ordinal))
        {
            if (t.EconomicEventId.Length == 0)
            {
                scope.Add("economic_event_id", "is required when cash_entry_mode is UPSTREAM_PROVIDED");
            }

            if (t.LinkedTransactionGroupId.Length == 0)
            {
                scope.Add("linked_transaction_group_id", "is required when cash_entry_mode is UPSTREAM_PROVIDED");
            }
        }

        switch (type)
        {
            case "BUY" or "SELL":
                if (quantity is <= 0)
                {
                    scope.Add("quantity", $"must be greater than zero for {type}");
                }

                break;
            case "DIVIDEND" or "INTEREST":
                // Semantics §2.3: income carries no units and no price, only a positive amount.
                if (quantity is not null and not 0)
                {
                    scope.Add("quantity", $"must be 0 for {type}");
                }

                if (price is not null and not 0)
                {
                    scope.Add("price", $"must be 0 for {type}");
                }

                if (gross is <= 0)
                {
                    scope.Add("gross_transaction_amount", $"must be greater than zero for {type}");
                }

                if (type == "INTEREST" && netInterest is { } net && gross is { } g && g > 0 && net != g - withholding - otherDeductions)
                {
                    scope.Add("net_interest_amount", "must equal gross_transaction_amount - withholding_tax_amount - other_interest_deductions_amount");
                }

                break;
        }
    }
}
