using Lotus.Storage.Analytics;

namespace Lotus.Host.Services.Analytics;

/// <summary>
/// FX lookups as the pipeline values (semantics §6.3): the direct pair only (no inversion or
/// triangulation), the latest rate dated on or before the date; the same currency is 1. A missing rate
/// is INSUFFICIENT_DATA ("Missing FX rate for X/Y on D", contracts §3.2 "FX").
/// </summary>
public sealed class FxTable(IAnalyticsStore store, DateOnly end, string sourceProduct)
{
    private readonly Dictionary<(string From, string To), FxRateRow[]> _pairs = [];

    public async ValueTask<FxRateRow?> FindAsync(string from, string to, DateOnly date, CancellationToken cancellationToken)
    {
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return null;
        }

        if (!_pairs.TryGetValue((from, to), out var rates))
        {
            rates = (await store.ReadFxRatesAsync(from, to, DateOnly.MinValue, end, cancellationToken).ConfigureAwait(false))
                .OrderBy(r => r.RateDate).ToArray();
            _pairs[(from, to)] = rates;
        }

        var low = 0;
        var high = rates.Length - 1;
        FxRateRow? found = null;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (rates[mid].RateDate <= date)
            {
                found = rates[mid];
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }

        return found ?? throw Missing(from, to, date, sourceProduct);
    }

    private (string From, string To, DateOnly Date, FxRateRow? Rate)? _last;

    /// <summary><see cref="FindAsync"/> remembering the last answer (rows of one date share it).</summary>
    public async ValueTask<FxRateRow?> FindCachedAsync(string from, string to, DateOnly date, CancellationToken cancellationToken)
    {
        if (_last is { } last && last.Date == date && string.Equals(last.From, from, StringComparison.Ordinal) && string.Equals(last.To, to, StringComparison.Ordinal))
        {
            return last.Rate;
        }

        var rate = await FindAsync(from, to, date, cancellationToken).ConfigureAwait(false);
        _last = (from, to, date, rate);
        return rate;
    }

    /// <summary>The rate from -> to on the date (1 for the same currency).</summary>
    public async ValueTask<decimal> RateAsync(string from, string to, DateOnly date, CancellationToken cancellationToken)
        => (await FindAsync(from, to, date, cancellationToken).ConfigureAwait(false))?.Rate ?? 1m;

    public static Lotus.Grpc.RpcException Missing(string from, string to, DateOnly date, string sourceProduct)
        => AnalyticsErrors.Create(AnalyticsErrorClass.InsufficientData, $"Missing FX rate for {from}/{to} on {Decimals.Date(date)}", sourceProduct);
}
