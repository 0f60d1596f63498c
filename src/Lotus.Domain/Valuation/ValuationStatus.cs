namespace Lotus.Domain.Valuation;

/// <summary>Valuation status of a daily position snapshot (semantics 5.2).</summary>
public enum ValuationStatus
{
    /// <summary>Priced on the valuation date itself (or flat, needing no price).</summary>
    ValuedCurrent,
    /// <summary>Priced with an older price ("latest on or before").</summary>
    ValuedStale,
    /// <summary>No usable price on or before the date: no market value, never reported as zero.</summary>
    Unvalued,
    /// <summary>Valuation impossible: missing cross-currency FX, price in the wrong currency, bond without quote conventions.</summary>
    Failed,
}

public static class ValuationStatuses
{
    public static string ToWireName(this ValuationStatus status) => status switch
    {
        ValuationStatus.ValuedCurrent => "VALUED_CURRENT",
        ValuationStatus.ValuedStale => "VALUED_STALE",
        ValuationStatus.Unvalued => "UNVALUED",
        _ => "FAILED",
    };

    public static bool IsValued(this ValuationStatus status) => status is ValuationStatus.ValuedCurrent or ValuationStatus.ValuedStale;
}
