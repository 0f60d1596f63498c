using Lotus.Domain.Reference;

namespace Lotus.Domain.Internal;

/// <summary>Checks every type shares: non-negative amounts and fees (semantics 1, 1.1).</summary>
internal static class TransactionValidator
{
    public static void ValidateCommon(Transaction t)
    {
        NonNegative(t.Quantity, "quantity", t);
        NonNegative(t.Price, "price", t);
        NonNegative(t.GrossTransactionAmount, "gross_transaction_amount", t);
        NonNegative(t.TradeFee, "trade_fee", t);
        if (t.FeeComponents is { } c)
        {
            NonNegative(c.Brokerage, "fee_components.brokerage", t);
            NonNegative(c.StampDuty, "fee_components.stamp_duty", t);
            NonNegative(c.ExchangeFee, "fee_components.exchange_fee", t);
            NonNegative(c.Gst, "fee_components.gst", t);
            NonNegative(c.OtherFees, "fee_components.other_fees", t);
        }

        if (t.TransactionFxRate is { } fx && fx <= 0m)
        {
            throw new DomainValidationException("transaction_fx_rate", $"transaction_fx_rate must be positive on {t.TransactionId}");
        }
    }

    private static void NonNegative(decimal? value, string field, Transaction t)
    {
        if (value is { } v && v < 0m)
        {
            throw new DomainValidationException(field, $"{field} must not be negative on {t.TransactionId} (got {v.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }
    }
}
