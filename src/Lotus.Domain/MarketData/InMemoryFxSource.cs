using Lotus.Domain.Reference;
using Lotus.Domain.Values;

namespace Lotus.Domain.MarketData;

/// <summary>FX rates held in memory: per direct pair a date-sorted array searched by bisection.</summary>
public sealed class InMemoryFxSource : IFxSource
{
    private readonly Dictionary<(CurrencyCode, CurrencyCode), DatedSeries<FxRate>> _byPair;

    public InMemoryFxSource(IEnumerable<FxRate> rates)
    {
        var groups = new Dictionary<(CurrencyCode, CurrencyCode), List<(DateOnly, FxRate)>>();
        foreach (var r in rates)
        {
            if (r.Rate <= 0m)
            {
                throw new DomainValidationException("rate", $"FX rate {r.FromCurrency}/{r.ToCurrency} on {Internal.Inv.S(r.RateDate)} must be positive");
            }

            var key = (r.FromCurrency, r.ToCurrency);
            if (!groups.TryGetValue(key, out var list))
            {
                list = [];
                groups.Add(key, list);
            }

            list.Add((r.RateDate, r));
        }

        _byPair = new Dictionary<(CurrencyCode, CurrencyCode), DatedSeries<FxRate>>(groups.Count);
        foreach (var (pair, list) in groups)
        {
            _byPair.Add(pair, new DatedSeries<FxRate>(list));
        }
    }

    public static InMemoryFxSource Empty { get; } = new([]);

    public bool TryGetLatestOnOrBefore(CurrencyCode from, CurrencyCode to, DateOnly date, out FxRate rate)
    {
        if (_byPair.TryGetValue((from, to), out var series))
        {
            return series.TryGetLatestOnOrBefore(date, out rate);
        }

        rate = null!;
        return false;
    }
}
