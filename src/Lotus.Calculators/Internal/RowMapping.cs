using Lotus.Domain.Cashflows;
using Lotus.Domain.MarketData;
using Lotus.Domain.Reference;
using Lotus.Domain.Timeseries;
using Lotus.Domain.Valuation;
using Lotus.Storage.Calculated;

namespace Lotus.Calculators.Internal;

/// <summary>Domain results to calculated rows, restricted to what a restatement from a date rewrites.</summary>
internal static class RowMapping
{
    public static void AddKeyRows(
        string portfolioId,
        string securityId,
        DateOnly from,
        KeyOutcome outcome,
        Dictionary<string, List<(string Id, DateOnly Date, string Reason)>> mappingFailures,
        long version,
        CalculatedBatch batch)
    {
        for (var i = 0; i < outcome.Costed.Count; i++)
        {
            var c = outcome.Costed[i];
            var t = c.Transaction;
            if (t.TradeDate < from)
            {
                continue;
            }

            batch.Costs.Add((new CostRow(
                portfolioId, securityId, t.TransactionId, t.TradeDate, c.NetCost, c.NetCostLocal, c.GrossCost,
                c.RealizedGainLoss, c.RealizedGainLossLocal, c.TransactionFxRate, "processed", null), version));
            var h = outcome.History[i];
            batch.History.Add((new HistoryRow(portfolioId, securityId, i, h.TransactionId, h.PositionDate, h.Quantity, h.CostBasis, h.CostBasisLocal), version));
            var f = outcome.Cashflows[i];
            batch.Cashflows.Add((new CashflowRow(
                portfolioId, securityId, f.TransactionId, t.TradeDate, f.CashflowDate, f.Amount, f.Currency.Code,
                f.Classification.ToWireName(), f.Timing.ToWireName(), f.IsPositionFlow, f.IsPortfolioFlow,
                f.CashFlowType.ToWireName(), f.FlowScope.ToWireName()), version));
        }

        foreach (var (id, (date, reason)) in outcome.Failures)
        {
            if (date >= from)
            {
                batch.Costs.Add((Failed(portfolioId, securityId, id, date, reason), version));
            }
        }

        if (mappingFailures.TryGetValue(securityId, out var unreadable))
        {
            foreach (var (id, date, reason) in unreadable)
            {
                if (date >= from)
                {
                    batch.Costs.Add((Failed(portfolioId, securityId, id, date, reason), version));
                }
            }
        }

        if (outcome.Series is not { } series)
        {
            return;
        }

        var r = 0;
        var g = 0;
        foreach (var v in outcome.Valuations)
        {
            PositionTimeseriesRow? row = null;
            TimeseriesGap? gap = null;
            if (r < series.Rows.Count && series.Rows[r].ValuationDate == v.ValuationDate)
            {
                row = series.Rows[r++];
            }
            else if (g < series.Gaps.Count && series.Gaps[g].ValuationDate == v.ValuationDate)
            {
                gap = series.Gaps[g++];
            }

            if (v.ValuationDate < from)
            {
                continue;
            }

            batch.PositionDays.Add((new PositionDayRow(
                portfolioId, securityId, v.ValuationDate, v.Quantity, v.CostBasisPortfolioCurrency, v.CostBasisPositionCurrency,
                v.MarketPrice, v.PriceDate, v.PositionToPortfolioFxRate, v.MarketValuePositionCurrency, v.MarketValuePortfolioCurrency,
                v.UnrealizedGainLossPortfolioCurrency, v.UnrealizedGainLossPositionCurrency, v.Status.ToWireName(), v.StatusReason,
                row?.BeginningMarketValue, row?.EndingMarketValue, row?.BodCashFlowPosition, row?.EodCashFlowPosition,
                row?.BodCashFlowPortfolio, row?.EodCashFlowPortfolio, row?.Fees, row?.Cost, gap?.Reason ?? (row is null ? "no timeseries row" : null)), version));
        }
    }

    /// <summary>
    /// Portfolio timeseries from <paramref name="from"/>: fresh series of the recomputed keys plus the stored
    /// series of the others (each from its latest row before <paramref name="from"/>), in security_id order
    /// so a partial recompute sums exactly like a full one.
    /// </summary>
    public static void AddPortfolioRows(
        Portfolio portfolio,
        Dictionary<string, KeyOutcome> outcomes,
        List<PositionDayRow> stored,
        Dictionary<string, Instrument> instruments,
        IFxSource fx,
        DateOnly from,
        long version,
        CalculatedBatch batch)
    {
        var series = new List<PositionSeries>();
        foreach (var outcome in outcomes.Values)
        {
            if (outcome.Series is { } s && (s.Rows.Count > 0 || s.Gaps.Count > 0))
            {
                series.Add(s);
            }
        }

        foreach (var group in stored.GroupBy(r => r.SecurityId, StringComparer.Ordinal))
        {
            if (!instruments.TryGetValue(group.Key, out var instrument))
            {
                continue;
            }

            var rows = new List<PositionTimeseriesRow>();
            var gaps = new List<TimeseriesGap>();
            foreach (var d in group.OrderBy(r => r.ValuationDate))
            {
                if (d.TimeseriesGapReason is { } reason)
                {
                    gaps.Add(new TimeseriesGap(d.ValuationDate, d.SecurityId, reason));
                }
                else
                {
                    rows.Add(new PositionTimeseriesRow(
                        d.PortfolioId, d.SecurityId, d.ValuationDate, d.BodMarketValue ?? 0m, d.EodMarketValue ?? 0m,
                        d.BodCashflowPosition ?? 0m, d.EodCashflowPosition ?? 0m, d.BodCashflowPortfolio ?? 0m, d.EodCashflowPortfolio ?? 0m,
                        d.Fees ?? 0m, d.Quantity, d.AverageCost ?? 0m, Array.Empty<Cashflow>()));
                }
            }

            series.Add(new PositionSeries(group.Key, instrument.Currency, rows, gaps));
        }

        series.Sort((a, b) => string.CompareOrdinal(a.SecurityId, b.SecurityId));
        var dates = PortfolioTimeseriesBuilder.DatesOf(series).Where(d => d >= from).ToArray();
        if (dates.Length == 0)
        {
            return;
        }

        var (portfolioRows, portfolioGaps) = PortfolioTimeseriesBuilder.Build(portfolio, series, dates, fx);
        var counts = PositionCounts(series, dates);
        int ri = 0, gi = 0;
        for (var i = 0; i < dates.Length; i++)
        {
            var (count, unvalued) = counts[i];
            if (ri < portfolioRows.Length && portfolioRows[ri].ValuationDate == dates[i])
            {
                var p = portfolioRows[ri++];
                batch.PortfolioDays.Add((new PortfolioDayRow(
                    portfolio.PortfolioId, p.ValuationDate, p.BeginningMarketValue, p.EndingMarketValue, p.BodCashFlow, p.EodCashFlow, p.Fees,
                    count, unvalued, null), version));
            }
            else if (gi < portfolioGaps.Length && portfolioGaps[gi].ValuationDate == dates[i])
            {
                var gap = portfolioGaps[gi++];
                batch.PortfolioDays.Add((new PortfolioDayRow(portfolio.PortfolioId, dates[i], null, null, null, null, null, count, unvalued, gap.Reason), version));
            }
        }
    }

    /// <summary>Per date: positions with a snapshot on or before it, and how many of those are unvalued (latest is a gap).</summary>
    private static (int Count, int Unvalued)[] PositionCounts(List<PositionSeries> series, DateOnly[] dates)
    {
        var result = new (int, int)[dates.Length];
        foreach (var s in series)
        {
            int r = 0, g = 0;
            for (var i = 0; i < dates.Length; i++)
            {
                var d = dates[i];
                while (r < s.Rows.Count && s.Rows[r].ValuationDate <= d)
                {
                    r++;
                }

                while (g < s.Gaps.Count && s.Gaps[g].ValuationDate <= d)
                {
                    g++;
                }

                if (r == 0 && g == 0)
                {
                    continue;
                }

                var latestIsGap = g > 0 && (r == 0 || s.Gaps[g - 1].ValuationDate > s.Rows[r - 1].ValuationDate);
                result[i].Item1++;
                if (latestIsGap)
                {
                    result[i].Item2++;
                }
            }
        }

        return result;
    }

    private static CostRow Failed(string portfolioId, string securityId, string id, DateOnly date, string reason)
        => new(portfolioId, securityId, id, date, null, null, null, null, null, null, "failed", reason);
}
