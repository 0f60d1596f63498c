namespace Lotus.Domain.Values;

/// <summary>Direction of an ADJUSTMENT (and of a generated cash leg); INFLOW is the default.</summary>
public enum MovementDirection
{
    Inflow,
    Outflow,
}

/// <summary>INTEREST direction; INCOME is the default.</summary>
public enum InterestDirection
{
    Income,
    Expense,
}

/// <summary>How the settlement cash of a trade or income is booked (semantics 4.4).</summary>
public enum CashEntryMode
{
    /// <summary>Not stated: DIVIDEND and INTEREST default to AUTO_GENERATE, everything else to none.</summary>
    Default,
    /// <summary>The cash side is booked separately (or not at all) by the caller.</summary>
    None,
    AutoGenerate,
    UpstreamProvided,
}
