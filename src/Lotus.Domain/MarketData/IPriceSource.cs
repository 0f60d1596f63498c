using Lotus.Domain.Reference;

namespace Lotus.Domain.MarketData;

/// <summary>Market prices with "latest on or before" semantics (semantics 5.1).</summary>
public interface IPriceSource
{
    /// <summary>The price with the greatest price_date &lt;= <paramref name="date"/>, if any.</summary>
    bool TryGetLatestOnOrBefore(string securityId, DateOnly date, out MarketPrice price);
}
