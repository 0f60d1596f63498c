namespace Lotus.Domain.Valuation;

/// <summary>Valuation settings.</summary>
public sealed record ValuationOptions
{
    /// <summary>
    /// Oldest acceptable price, in calendar days before the valuation date. Null (the default, as in the
    /// original) accepts any older price as VALUED_STALE; with a limit, an older price leaves the position
    /// UNVALUED.
    /// </summary>
    public int? PriceStalenessDays { get; init; }

    public static ValuationOptions Default { get; } = new();
}
