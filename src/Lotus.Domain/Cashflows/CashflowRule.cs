using Lotus.Domain.Values;

namespace Lotus.Domain.Cashflows;

/// <summary>One row of the cashflow rules table (semantics 4.1).</summary>
public sealed record CashflowRule(CashflowClassification Classification, CashflowTiming Timing, bool IsPositionFlow, bool IsPortfolioFlow)
{
    private static readonly CashflowRule[] Rules =
    [
        new(CashflowClassification.InvestmentOutflow, CashflowTiming.Bod, true, false), // BUY
        new(CashflowClassification.InvestmentInflow, CashflowTiming.Eod, true, false), // SELL
        new(CashflowClassification.Income, CashflowTiming.Eod, true, false), // DIVIDEND
        new(CashflowClassification.Income, CashflowTiming.Eod, true, false), // INTEREST
        new(CashflowClassification.Expense, CashflowTiming.Eod, true, true), // FEE
        new(CashflowClassification.Expense, CashflowTiming.Eod, true, true), // TAX (portfolio flow since migration a9c4d2e8f1b7)
        new(CashflowClassification.CashflowIn, CashflowTiming.Bod, true, true), // DEPOSIT
        new(CashflowClassification.CashflowOut, CashflowTiming.Eod, true, true), // WITHDRAWAL
        new(CashflowClassification.Transfer, CashflowTiming.Bod, true, true), // TRANSFER_IN
        new(CashflowClassification.Transfer, CashflowTiming.Eod, true, true), // TRANSFER_OUT
        new(CashflowClassification.Transfer, CashflowTiming.Eod, true, false), // ADJUSTMENT
        new(CashflowClassification.Transfer, CashflowTiming.Bod, true, false), // SPLIT
        new(CashflowClassification.Transfer, CashflowTiming.Eod, true, false), // REVERSE_SPLIT
        new(CashflowClassification.Transfer, CashflowTiming.Bod, true, false), // BONUS_ISSUE
        new(CashflowClassification.Transfer, CashflowTiming.Bod, true, false), // STOCK_DIVIDEND
    ];

    /// <summary>The rule for a transaction type.</summary>
    public static CashflowRule For(TransactionType type) => Rules[(int)type];
}
