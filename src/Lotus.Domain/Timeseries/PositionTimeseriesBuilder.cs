using Lotus.Domain.Cashflows;
using Lotus.Domain.Internal;
using Lotus.Domain.Valuation;
using Lotus.Domain.Values;

namespace Lotus.Domain.Timeseries;

/// <summary>Builds a key's position timeseries from its snapshots and cashflows (semantics 6.2).</summary>
public static class PositionTimeseriesBuilder
{
    /// <summary>
    /// One row per valued snapshot in <paramref name="snapshots"/> (ascending dates). BOD is the previous
    /// snapshot's local market value (<paramref name="previous"/> for the first one when recomputing from a
    /// date; 0 when none). A date whose snapshot is not valued, or whose previous snapshot is not valued,
    /// becomes a gap, never a zero row.
    /// </summary>
    public static (PositionTimeseriesRow[] Rows, TimeseriesGap[] Gaps) Build(
        ReadOnlySpan<PositionValuation> snapshots,
        IEnumerable<Cashflow> cashflows,
        PositionValuation? previous = null)
    {
        ArgumentNullException.ThrowIfNull(cashflows);
        var byDate = new Dictionary<DateOnly, List<Cashflow>>();
        foreach (var c in cashflows)
        {
            if (!byDate.TryGetValue(c.CashflowDate, out var list))
            {
                list = [];
                byDate.Add(c.CashflowDate, list);
            }

            list.Add(c);
        }

        var rows = new List<PositionTimeseriesRow>(snapshots.Length);
        var gaps = new List<TimeseriesGap>();
        var prior = previous;
        foreach (var snapshot in snapshots)
        {
            if (prior is not null && prior.ValuationDate >= snapshot.ValuationDate)
            {
                throw new ArgumentException("snapshots must be in ascending date order after the previous snapshot", nameof(snapshots));
            }

            if (!snapshot.Status.IsValued())
            {
                gaps.Add(new TimeseriesGap(snapshot.ValuationDate, snapshot.SecurityId, $"position is {snapshot.Status.ToWireName()}: {snapshot.StatusReason}"));
            }
            else if (prior is not null && !prior.Status.IsValued())
            {
                gaps.Add(new TimeseriesGap(snapshot.ValuationDate, snapshot.SecurityId, $"beginning snapshot on {Inv.S(prior.ValuationDate)} has no market value"));
            }
            else
            {
                byDate.TryGetValue(snapshot.ValuationDate, out var flows);
                rows.Add(Row(snapshot, prior?.MarketValuePositionCurrency ?? 0m, flows));
            }

            prior = snapshot;
        }

        return ([.. rows], [.. gaps]);
    }

    private static PositionTimeseriesRow Row(PositionValuation snapshot, decimal bod, List<Cashflow>? flows)
    {
        decimal bodPosition = 0m, eodPosition = 0m, bodPortfolio = 0m, eodPortfolio = 0m, fees = 0m;
        if (flows is not null)
        {
            foreach (var c in flows)
            {
                var isBod = c.Timing == CashflowTiming.Bod;
                if (c.IsPositionFlow)
                {
                    if (isBod)
                    {
                        bodPosition += c.PositionFlowAmount;
                    }
                    else
                    {
                        eodPosition += c.PositionFlowAmount;
                    }
                }

                if (c.IsPortfolioFlow)
                {
                    if (isBod)
                    {
                        bodPortfolio += c.Amount;
                    }
                    else
                    {
                        eodPortfolio += c.Amount;
                    }
                }

                if (c.Classification == CashflowClassification.Expense)
                {
                    fees += Math.Abs(c.Amount);
                }
            }
        }

        var q = snapshot.Quantity;
        return new PositionTimeseriesRow(
            snapshot.PortfolioId,
            snapshot.SecurityId,
            snapshot.ValuationDate,
            bod,
            snapshot.MarketValuePositionCurrency ?? 0m,
            bodPosition,
            eodPosition,
            bodPortfolio,
            eodPortfolio,
            fees,
            q,
            q == 0m ? 0m : Decimal10.Quantize(snapshot.CostBasisPositionCurrency / q),
            flows is null ? [] : [.. flows]);
    }
}
