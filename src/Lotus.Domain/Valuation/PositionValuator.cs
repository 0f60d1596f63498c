using Lotus.Domain.Internal;
using Lotus.Domain.MarketData;
using Lotus.Domain.Positions;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;

namespace Lotus.Domain.Valuation;

/// <summary>Daily valuation of a position (semantics 5.1-5.3, unscoped path).</summary>
public static class PositionValuator
{
    /// <summary>Values <paramref name="position"/> (the latest history state on or before the date) on <paramref name="date"/>.</summary>
    public static PositionValuation Value(
        Portfolio portfolio,
        Instrument instrument,
        DateOnly date,
        PositionState position,
        IPriceSource prices,
        IFxSource fx,
        ValuationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(prices);
        ArgumentNullException.ThrowIfNull(fx);
        options ??= ValuationOptions.Default;
        var q = position.Quantity;
        var cb = position.CostBasis;
        var cbl = position.CostBasisLocal;
        var snapshot = new PositionValuation(portfolio.PortfolioId, instrument.SecurityId, date, q, cb, cbl, ValuationStatus.Unvalued);
        if (q == 0m && cb == 0m && cbl == 0m)
        {
            // A flat position needs no price.
            return snapshot with
            {
                Status = ValuationStatus.ValuedCurrent,
                MarketValuePositionCurrency = 0m,
                MarketValuePortfolioCurrency = 0m,
                UnrealizedGainLossPositionCurrency = 0m,
                UnrealizedGainLossPortfolioCurrency = 0m,
                UnrealizedFxGainLossPortfolioCurrency = 0m,
                UnrealizedPriceGainLossPortfolioCurrency = 0m,
            };
        }

        if (instrument.IsBond)
        {
            return snapshot with { Status = ValuationStatus.Failed, StatusReason = "bond valuation requires explicit quote-convention authority" };
        }

        if (!prices.TryGetLatestOnOrBefore(instrument.SecurityId, date, out var price))
        {
            return snapshot with { StatusReason = $"no price for {instrument.SecurityId} on or before {Inv.S(date)}" };
        }

        if (options.PriceStalenessDays is { } limit && date.DayNumber - price.PriceDate.DayNumber > limit)
        {
            return snapshot with { StatusReason = $"latest price of {instrument.SecurityId} ({Inv.S(price.PriceDate)}) is older than {limit} days" };
        }

        if (price.Currency != instrument.Currency)
        {
            return snapshot with { Status = ValuationStatus.Failed, StatusReason = $"price currency {price.Currency} differs from instrument currency {instrument.Currency}" };
        }

        if (price.Price <= 0m)
        {
            return snapshot with { Status = ValuationStatus.Failed, StatusReason = $"price {Inv.S(price.Price)} on {Inv.S(price.PriceDate)} must be positive" };
        }

        decimal rate = 1m;
        if (instrument.Currency != portfolio.BaseCurrency)
        {
            if (!fx.TryGetLatestOnOrBefore(instrument.Currency, portfolio.BaseCurrency, date, out var fxRate))
            {
                return snapshot with { Status = ValuationStatus.Failed, StatusReason = $"no FX rate {instrument.Currency}/{portfolio.BaseCurrency} on or before {Inv.S(date)}" };
            }

            rate = fxRate.Rate;
        }

        var gross = q * price.Price;
        var mvLocal = Decimal10.Quantize(gross);
        var mvBase = Decimal10.Quantize(gross * rate);
        var unrealizedBase = mvBase - cb;
        var unrealizedFx = Decimal10.Quantize((cbl * rate) - cb);
        return snapshot with
        {
            Status = price.PriceDate == date ? ValuationStatus.ValuedCurrent : ValuationStatus.ValuedStale,
            MarketPrice = price.Price,
            PriceDate = price.PriceDate,
            PositionToPortfolioFxRate = rate,
            MarketValuePositionCurrency = mvLocal,
            MarketValuePortfolioCurrency = mvBase,
            UnrealizedGainLossPositionCurrency = mvLocal - cbl,
            UnrealizedGainLossPortfolioCurrency = unrealizedBase,
            UnrealizedFxGainLossPortfolioCurrency = unrealizedFx,
            UnrealizedPriceGainLossPortfolioCurrency = unrealizedBase - unrealizedFx,
        };
    }

    /// <summary>
    /// Values a key on each of <paramref name="dates"/> (ascending) from its position history (timeline
    /// order). Dates before the first history row get no snapshot (no position yet).
    /// </summary>
    public static PositionValuation[] ValueSeries(
        Portfolio portfolio,
        Instrument instrument,
        ReadOnlySpan<PositionHistoryRow> history,
        ReadOnlySpan<DateOnly> dates,
        IPriceSource prices,
        IFxSource fx,
        ValuationOptions? options = null)
    {
        var result = new List<PositionValuation>(dates.Length);
        var next = 0;
        PositionState? current = null;
        for (var i = 0; i < dates.Length; i++)
        {
            var date = dates[i];
            if (i > 0 && dates[i - 1] >= date)
            {
                throw new ArgumentException("dates must be strictly ascending", nameof(dates));
            }

            while (next < history.Length && history[next].PositionDate <= date)
            {
                current = history[next].State;
                next++;
            }

            if (current is { } state)
            {
                result.Add(Value(portfolio, instrument, date, state, prices, fx, options));
            }
        }

        return [.. result];
    }
}
