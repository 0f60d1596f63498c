using Lotus.Domain.Internal;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;

namespace Lotus.Domain.Cashflows;

/// <summary>Amount, date, classification and analytics semantics of a transaction's cashflow (semantics 4).</summary>
public static class CashflowCalculator
{
    /// <summary>The cashflow of <paramref name="t"/>; refuses economics the original rejects.</summary>
    public static Cashflow Calculate(Transaction t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var rule = CashflowRule.For(t.TransactionType);
        var (type, scope) = Classify(rule.Classification, rule.IsPositionFlow, rule.IsPortfolioFlow);
        return new Cashflow(
            t.TransactionId,
            t.PortfolioId,
            t.SecurityId,
            CashflowDate(t),
            Decimal10.Quantize(SettlementAmount(t)),
            t.CashflowCurrency,
            rule.Classification,
            rule.Timing,
            rule.IsPositionFlow,
            rule.IsPortfolioFlow,
            type,
            scope,
            t.EconomicEventId,
            t.LinkedTransactionGroupId);
    }

    /// <summary>Signed settlement amount (semantics 4.2), unrounded.</summary>
    public static decimal SettlementAmount(Transaction t)
    {
        ArgumentNullException.ThrowIfNull(t);
        var g = t.GrossTransactionAmount;
        var fee = Fees.Resolve(t);
        switch (t.TransactionType)
        {
            case TransactionType.Buy:
                return -(g + fee);

            case TransactionType.Sell:
                {
                    var net = g - fee;
                    if (net <= 0m)
                    {
                        throw new DomainValidationException("gross_transaction_amount", $"SELL net settlement {Inv.S(net)} must be positive ({t.TransactionId})");
                    }

                    return net;
                }

            case TransactionType.Dividend:
                {
                    var withholding = t.WithholdingTaxAmount ?? 0m;
                    if (withholding < 0m || withholding > g)
                    {
                        throw new DomainValidationException("withholding_tax_amount", $"Withholding tax {Inv.S(withholding)} must be between 0 and the gross amount ({t.TransactionId})");
                    }

                    var net = g - withholding - fee;
                    if (net <= 0m)
                    {
                        throw new DomainValidationException("gross_transaction_amount", $"DIVIDEND net amount {Inv.S(net)} must be positive ({t.TransactionId})");
                    }

                    return net;
                }

            case TransactionType.Interest:
                return InterestAmount(t, g, fee);

            case TransactionType.Adjustment:
                {
                    var amount = Math.Abs(g - fee);
                    return t.MovementDirection == MovementDirection.Inflow ? amount : -amount;
                }

            case TransactionType.Fee:
                return -Math.Abs(g + fee);

            case TransactionType.Deposit:
            case TransactionType.TransferIn:
            case TransactionType.Split:
            case TransactionType.BonusIssue:
            case TransactionType.StockDividend:
                return Math.Abs(g - fee);

            default:
                // TAX, WITHDRAWAL, TRANSFER_OUT, REVERSE_SPLIT: cash out.
                return -Math.Abs(g - fee);
        }
    }

    /// <summary>Settlement date for trades, deposits/withdrawals and income, else the trade date (semantics 4.3).</summary>
    public static DateOnly CashflowDate(Transaction t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.TransactionType switch
        {
            TransactionType.Buy or TransactionType.Sell or TransactionType.Deposit or TransactionType.Withdrawal
                or TransactionType.Dividend or TransactionType.Interest => t.SettlementOrTradeDate,
            _ => t.TradeDate,
        };
    }

    /// <summary>RFC 063 cash_flow_type and flow_scope of a classified flow (semantics 4.5).</summary>
    public static (CashFlowType Type, FlowScope Scope) Classify(CashflowClassification classification, bool isPositionFlow, bool isPortfolioFlow) =>
        classification switch
        {
            CashflowClassification.CashflowIn or CashflowClassification.CashflowOut => (CashFlowType.ExternalFlow, FlowScope.External),
            CashflowClassification.InvestmentInflow or CashflowClassification.InvestmentOutflow or CashflowClassification.FxBuy
                or CashflowClassification.FxSell or CashflowClassification.Internal => (CashFlowType.InternalTradeFlow, FlowScope.Internal),
            CashflowClassification.Income => (CashFlowType.Income, FlowScope.Operational),
            CashflowClassification.Expense => (CashFlowType.Fee, FlowScope.Operational),
            CashflowClassification.Transfer when isPositionFlow && !isPortfolioFlow => (CashFlowType.InternalTradeFlow, FlowScope.Internal),
            CashflowClassification.Transfer => (CashFlowType.Transfer, isPortfolioFlow ? FlowScope.External : FlowScope.Internal),
            _ => (CashFlowType.Other, FlowScope.Operational),
        };

    private static decimal InterestAmount(Transaction t, decimal g, decimal fee)
    {
        var withholding = t.WithholdingTaxAmount ?? 0m;
        var deductions = t.OtherInterestDeductionsAmount ?? 0m;
        if (withholding < 0m || deductions < 0m)
        {
            throw new DomainValidationException("withholding_tax_amount", $"INTEREST deductions must not be negative ({t.TransactionId})");
        }

        var derived = g - withholding - deductions;
        if (t.NetInterestAmount is { } supplied && supplied != derived)
        {
            throw new DomainValidationException("net_interest_amount", $"net_interest_amount {Inv.S(supplied)} does not equal gross minus deductions {Inv.S(derived)} ({t.TransactionId})");
        }

        if (t.InterestDirection == InterestDirection.Expense)
        {
            return -(derived + fee);
        }

        var net = derived - fee;
        if (net <= 0m)
        {
            throw new DomainValidationException("gross_transaction_amount", $"INTEREST net amount {Inv.S(net)} must be positive ({t.TransactionId})");
        }

        return net;
    }
}
