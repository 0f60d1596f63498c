namespace Lotus.Domain.Cashflows;

/// <summary>The original's cashflow classification (table cashflow_rules, semantics 4.1).</summary>
public enum CashflowClassification
{
    InvestmentOutflow,
    InvestmentInflow,
    Income,
    Expense,
    CashflowIn,
    CashflowOut,
    Transfer,
    FxBuy,
    FxSell,
    CorporateActionProceeds,
    Internal,
}

/// <summary>Whether a flow happens at the beginning or end of its day.</summary>
public enum CashflowTiming
{
    Bod,
    Eod,
}

/// <summary>RFC 063 cash_flow_type (semantics 4.5).</summary>
public enum CashFlowType
{
    ExternalFlow,
    InternalTradeFlow,
    Income,
    Fee,
    Transfer,
    Other,
}

/// <summary>RFC 063 flow_scope (semantics 4.5).</summary>
public enum FlowScope
{
    External,
    Internal,
    Operational,
}

public static class CashflowNames
{
    /// <summary>Wire name of a classification, e.g. "INVESTMENT_OUTFLOW".</summary>
    public static string ToWireName(this CashflowClassification value) => value switch
    {
        CashflowClassification.InvestmentOutflow => "INVESTMENT_OUTFLOW",
        CashflowClassification.InvestmentInflow => "INVESTMENT_INFLOW",
        CashflowClassification.Income => "INCOME",
        CashflowClassification.Expense => "EXPENSE",
        CashflowClassification.CashflowIn => "CASHFLOW_IN",
        CashflowClassification.CashflowOut => "CASHFLOW_OUT",
        CashflowClassification.Transfer => "TRANSFER",
        CashflowClassification.FxBuy => "FX_BUY",
        CashflowClassification.FxSell => "FX_SELL",
        CashflowClassification.CorporateActionProceeds => "CORPORATE_ACTION_PROCEEDS",
        _ => "INTERNAL",
    };

    /// <summary>"BOD" or "EOD" (stored form); RFC 063 observations use the lower-case form.</summary>
    public static string ToWireName(this CashflowTiming value) => value == CashflowTiming.Bod ? "BOD" : "EOD";

    /// <summary>RFC 063 name, e.g. "internal_trade_flow".</summary>
    public static string ToWireName(this CashFlowType value) => value switch
    {
        CashFlowType.ExternalFlow => "external_flow",
        CashFlowType.InternalTradeFlow => "internal_trade_flow",
        CashFlowType.Income => "income",
        CashFlowType.Fee => "fee",
        CashFlowType.Transfer => "transfer",
        _ => "other",
    };

    /// <summary>RFC 063 name, e.g. "operational".</summary>
    public static string ToWireName(this FlowScope value) => value switch
    {
        FlowScope.External => "external",
        FlowScope.Internal => "internal",
        _ => "operational",
    };
}
