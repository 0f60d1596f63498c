using Lotus.Domain.Values;

namespace Lotus.Domain.Reference;

/// <summary>An instrument; <see cref="Currency"/> is the local (position) currency.</summary>
public sealed record Instrument(string SecurityId, CurrencyCode Currency, string ProductType = "EQUITY", string AssetClass = "EQUITY")
{
    /// <summary>
    /// Cash-instrument detection (semantics 1.2): product type or asset class CASH, or an id starting with
    /// CASH (case-insensitive). Cash changes cost strategies and ordering.
    /// </summary>
    public bool IsCash =>
        string.Equals(ProductType, "CASH", StringComparison.OrdinalIgnoreCase)
        || string.Equals(AssetClass, "CASH", StringComparison.OrdinalIgnoreCase)
        || SecurityId.StartsWith("CASH", StringComparison.OrdinalIgnoreCase);

    /// <summary>Bonds need quote-convention authority the unscoped valuation path does not have (semantics 5.2).</summary>
    public bool IsBond => string.Equals(ProductType, "BOND", StringComparison.OrdinalIgnoreCase);
}
