using Lotus.Domain.Cashflows;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;

namespace Lotus.Domain.Settlement;

/// <summary>
/// Generated settlement cash legs (semantics 4.4): an AUTO_GENERATE trade or income with a settlement
/// cash account gets a companion ADJUSTMENT on the cash instrument. The leg is a transaction of another
/// key (the cash instrument); the caller routes it there.
/// </summary>
public static class SettlementCashLeg
{
    /// <summary>The effective mode: DIVIDEND and INTEREST default to AUTO_GENERATE, everything else to none.</summary>
    public static CashEntryMode ResolveMode(Transaction t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.CashEntryMode != CashEntryMode.Default)
        {
            return t.CashEntryMode;
        }

        return t.TransactionType is TransactionType.Dividend or TransactionType.Interest ? CashEntryMode.AutoGenerate : CashEntryMode.None;
    }

    /// <summary>Builds the leg when one is due; refuses AUTO_GENERATE on portfolio-level flow types.</summary>
    public static bool TryCreate(Transaction t, out Transaction leg)
    {
        ArgumentNullException.ThrowIfNull(t);
        leg = null!;
        if (ResolveMode(t) != CashEntryMode.AutoGenerate)
        {
            return false;
        }

        switch (t.TransactionType)
        {
            case TransactionType.Buy:
            case TransactionType.Sell:
            case TransactionType.Dividend:
            case TransactionType.Interest:
                break;
            case TransactionType.Deposit:
            case TransactionType.Withdrawal:
            case TransactionType.Fee:
            case TransactionType.Tax:
            case TransactionType.TransferIn:
            case TransactionType.TransferOut:
                throw new DomainValidationException(
                    "cash_entry_mode",
                    $"{t.TransactionType.ToWireName()} is itself a cash movement and must not use AUTO_GENERATE ({t.TransactionId})");
            default:
                return false;
        }

        if (string.IsNullOrWhiteSpace(t.SettlementCashAccountId))
        {
            return false;
        }

        var amount = CashflowCalculator.SettlementAmount(t);
        var type = t.TransactionType.ToWireName();
        var date = t.SettlementDate ?? t.TransactionDate;
        leg = new Transaction
        {
            TransactionId = t.TransactionId + "-CASHLEG",
            PortfolioId = t.PortfolioId,
            SecurityId = string.IsNullOrWhiteSpace(t.SettlementCashInstrumentId) ? t.SettlementCashAccountId : t.SettlementCashInstrumentId,
            TransactionType = TransactionType.Adjustment,
            TransactionDate = date,
            SettlementDate = date,
            Quantity = 0m,
            Price = 0m,
            GrossTransactionAmount = Math.Abs(amount),
            TradeCurrency = t.CashflowCurrency,
            Currency = t.CashflowCurrency,
            MovementDirection = amount >= 0m ? MovementDirection.Inflow : MovementDirection.Outflow,
            CashEntryMode = CashEntryMode.None,
            OriginatingTransactionType = t.TransactionType,
            OriginatingTransactionId = t.TransactionId,
            EconomicEventId = t.EconomicEventId ?? $"EVT-{type}-{t.PortfolioId}-{t.TransactionId}",
            LinkedTransactionGroupId = t.LinkedTransactionGroupId ?? $"LTG-{type}-{t.PortfolioId}-{t.TransactionId}",
        };
        return true;
    }
}
