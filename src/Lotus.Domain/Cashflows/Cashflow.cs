using Lotus.Domain.Values;

namespace Lotus.Domain.Cashflows;

/// <summary>
/// The one cashflow of a transaction (semantics 4). <see cref="Amount"/> is positive for cash into the
/// portfolio (or this position's cash), negative for cash out, 10 dp, in <see cref="Currency"/>.
/// </summary>
public sealed record Cashflow(
    string TransactionId,
    string PortfolioId,
    string SecurityId,
    DateOnly CashflowDate,
    decimal Amount,
    CurrencyCode Currency,
    CashflowClassification Classification,
    CashflowTiming Timing,
    bool IsPositionFlow,
    bool IsPortfolioFlow,
    CashFlowType CashFlowType,
    FlowScope FlowScope,
    string? EconomicEventId = null,
    string? LinkedTransactionGroupId = null)
{
    /// <summary>Always "NET" for booked transactions.</summary>
    public string CalculationType => "NET";

    /// <summary>
    /// The amount seen from the position (semantics 6.2): flipped for INVESTMENT_*, INCOME and
    /// corporate-action proceeds, so a BUY is money into the position and a dividend money out of it.
    /// </summary>
    public decimal PositionFlowAmount => Classification is CashflowClassification.InvestmentOutflow
        or CashflowClassification.InvestmentInflow
        or CashflowClassification.CorporateActionProceeds
        or CashflowClassification.Income
        ? -Amount
        : Amount;
}
