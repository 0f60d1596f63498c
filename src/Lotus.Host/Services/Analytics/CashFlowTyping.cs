using Lotus.Core.V1;
using Lotus.Storage.Analytics;

namespace Lotus.Host.Services.Analytics;

/// <summary>
/// Canonical cash-flow typing of the original (contracts §3.2 "CashFlowObservation", semantics §4.5):
/// CASHFLOW_IN/OUT external_flow/external; INVESTMENT_*, FX_BUY/FX_SELL, INTERNAL internal_trade_flow/internal;
/// INCOME income/operational; EXPENSE fee/operational; TRANSFER internal_trade_flow/internal as a position-only
/// flow, else transfer (external when a portfolio flow); anything else (CORPORATE_ACTION_PROCEEDS included,
/// which the original let leak as an invalid literal) other/operational.
/// </summary>
public static class CashFlowTyping
{
    public static (string Type, string Scope) Classify(string classification, bool isPositionFlow, bool isPortfolioFlow) => classification switch
    {
        "CASHFLOW_IN" or "CASHFLOW_OUT" => ("external_flow", "external"),
        "INVESTMENT_OUTFLOW" or "INVESTMENT_INFLOW" or "FX_BUY" or "FX_SELL" or "INTERNAL" => ("internal_trade_flow", "internal"),
        "INCOME" => ("income", "operational"),
        "EXPENSE" => ("fee", "operational"),
        "TRANSFER" when isPositionFlow && !isPortfolioFlow => ("internal_trade_flow", "internal"),
        "TRANSFER" => ("transfer", isPortfolioFlow ? "external" : "internal"),
        _ => ("other", "operational"),
    };

    /// <summary>
    /// The amount seen from the position (semantics §6.2): investment flows, corporate-action proceeds
    /// and income are sign-flipped (a BUY is money into the position, a dividend money out of it).
    /// </summary>
    public static decimal PositionAmount(CashFlowRow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow.Classification is "INVESTMENT_OUTFLOW" or "INVESTMENT_INFLOW" or "CORPORATE_ACTION_PROCEEDS" or "INCOME"
            ? -flow.Amount
            : flow.Amount;
    }

    /// <summary>"bod" or "eod" (the calculators may store upper case).</summary>
    public static string Timing(string timing) => string.Equals(timing, "BOD", StringComparison.OrdinalIgnoreCase) ? "bod" : "eod";

    public static CashFlowObservation ToObservation(CashFlowRow flow, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var (type, scope) = Classify(flow.Classification, flow.IsPositionFlow, flow.IsPortfolioFlow);
        return new CashFlowObservation
        {
            Amount = Decimals.Format(amount),
            Timing = Timing(flow.Timing),
            CashFlowType = type,
            FlowScope = scope,
            SourceClassification = flow.Classification,
            SourceTransactionId = flow.TransactionId,
        };
    }
}
