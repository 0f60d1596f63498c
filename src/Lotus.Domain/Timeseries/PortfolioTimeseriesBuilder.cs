using Lotus.Domain.Internal;
using Lotus.Domain.MarketData;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;

namespace Lotus.Domain.Timeseries;

/// <summary>Aggregates position timeseries into the portfolio timeseries (semantics 6.3, decision D8).</summary>
public static class PortfolioTimeseriesBuilder
{
    /// <summary>
    /// For each date: every security contributes its row of that date, or, when it has no row that day,
    /// its last earlier row carried forward as market value only (BOD = EOD = that row's EOD, no flows).
    /// Local amounts convert at the position-to-portfolio rate on or before the date itself, so BOD uses
    /// today's FX. A date where a security's latest snapshot is a gap, or an FX rate is missing, is a gap.
    /// </summary>
    public static (PortfolioTimeseriesRow[] Rows, TimeseriesGap[] Gaps) Build(
        Portfolio portfolio,
        IReadOnlyList<PositionSeries> positions,
        ReadOnlySpan<DateOnly> dates,
        IFxSource fx)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentNullException.ThrowIfNull(fx);
        var rowCursor = new int[positions.Count];
        var gapCursor = new int[positions.Count];
        var rows = new List<PortfolioTimeseriesRow>(dates.Length);
        var gaps = new List<TimeseriesGap>();
        for (var i = 0; i < dates.Length; i++)
        {
            var date = dates[i];
            if (i > 0 && dates[i - 1] >= date)
            {
                throw new ArgumentException("dates must be strictly ascending", nameof(dates));
            }

            decimal bod = 0m, eod = 0m, bodFlow = 0m, eodFlow = 0m, fees = 0m;
            TimeseriesGap? gap = null;
            for (var s = 0; s < positions.Count && gap is null; s++)
            {
                var series = positions[s];
                var row = Advance(series.Rows, ref rowCursor[s], date, r => r.ValuationDate);
                var lastGap = Advance(series.Gaps, ref gapCursor[s], date, g => g.ValuationDate);
                if (lastGap is not null && (row is null || lastGap.ValuationDate > row.ValuationDate))
                {
                    gap = new TimeseriesGap(date, series.SecurityId, $"position {series.SecurityId} has no timeseries row as of {Inv.S(lastGap.ValuationDate)}: {lastGap.Reason}");
                    break;
                }

                if (row is null)
                {
                    continue;
                }

                decimal rate = 1m;
                if (series.PositionCurrency != portfolio.BaseCurrency)
                {
                    if (!fx.TryGetLatestOnOrBefore(series.PositionCurrency, portfolio.BaseCurrency, date, out var fxRate))
                    {
                        gap = new TimeseriesGap(date, series.SecurityId, $"no FX rate {series.PositionCurrency}/{portfolio.BaseCurrency} on or before {Inv.S(date)}");
                        break;
                    }

                    rate = fxRate.Rate;
                }

                if (row.ValuationDate == date)
                {
                    bod += row.BeginningMarketValue * rate;
                    eod += row.EndingMarketValue * rate;
                    bodFlow += row.BodCashFlowPortfolio * rate;
                    eodFlow += row.EodCashFlowPortfolio * rate;
                    fees += row.Fees * rate;
                }
                else
                {
                    bod += row.EndingMarketValue * rate;
                    eod += row.EndingMarketValue * rate;
                }
            }

            if (gap is not null)
            {
                gaps.Add(gap);
                continue;
            }

            rows.Add(new PortfolioTimeseriesRow(
                portfolio.PortfolioId,
                date,
                Decimal10.Quantize(bod),
                Decimal10.Quantize(eod),
                Decimal10.Quantize(bodFlow),
                Decimal10.Quantize(eodFlow),
                Decimal10.Quantize(fees)));
        }

        return ([.. rows], [.. gaps]);
    }

    /// <summary>Distinct dates of all rows and gaps, ascending: the default date grid of a portfolio.</summary>
    public static DateOnly[] DatesOf(IEnumerable<PositionSeries> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var set = new SortedSet<DateOnly>();
        foreach (var p in positions)
        {
            foreach (var r in p.Rows)
            {
                set.Add(r.ValuationDate);
            }

            foreach (var g in p.Gaps)
            {
                set.Add(g.ValuationDate);
            }
        }

        return [.. set];
    }

    private static T? Advance<T>(IReadOnlyList<T> items, ref int cursor, DateOnly date, Func<T, DateOnly> dateOf)
        where T : class
    {
        while (cursor < items.Count && dateOf(items[cursor]) <= date)
        {
            cursor++;
        }

        return cursor > 0 ? items[cursor - 1] : null;
    }
}
