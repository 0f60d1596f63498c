using Lotus.Domain.Reference;
using Lotus.Domain.Values;

namespace Lotus.Domain.MarketData;

/// <summary>FX rates, direct pair only (no inversion, no triangulation), "latest on or before" (semantics 1, 2.2).</summary>
public interface IFxSource
{
    /// <summary>The rate from -> to with the greatest rate_date &lt;= <paramref name="date"/>, if any.</summary>
    bool TryGetLatestOnOrBefore(CurrencyCode from, CurrencyCode to, DateOnly date, out FxRate rate);
}
