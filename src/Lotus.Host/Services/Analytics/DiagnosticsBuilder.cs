using Lotus.Core.V1;

namespace Lotus.Host.Services.Analytics;

/// <summary>
/// Diagnostics of the whole resolved window (not only the page) and the runtime data_quality_status
/// (contracts §3.2): UNKNOWN without expected dates, UNRECONCILED without observations, STALE with a
/// stale point, PARTIAL with missing dates, else COMPLETE. Unlike the original, a paged read is not
/// PARTIAL merely for being paged: the diagnostics describe the whole traversal on every page.
/// Policies: strict reports every expected date without an observation; skip omits them and reports
/// none missing; forward_fill fills those after the first observation (provisional) and reports only
/// the dates it could not fill.
/// </summary>
public static class DiagnosticsBuilder
{
    private const int SampleSize = 10;

    public static (AnalyticsDiagnostics Diagnostics, string QualityStatus) Build(TimeseriesContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var summary = context.Summary;
        var observed = summary.ObservedDates.ToHashSet();
        var missing = context.ExpectedDates.Where(d => !observed.Contains(d)).ToList();
        var firstObserved = summary.ObservedDates.Count > 0 ? summary.ObservedDates[0] : (DateOnly?)null;
        var filled = context.Query.Policy == MissingObservationPolicy.ForwardFill && firstObserved is { } first
            ? missing.Where(d => d > first).ToList()
            : [];
        var reportedMissing = context.Query.Policy switch
        {
            MissingObservationPolicy.Skip => [],
            MissingObservationPolicy.ForwardFill => missing.Except(filled).ToList(),
            _ => missing,
        };

        var rowsPerDate = summary.ObservedDates.Count == 0 ? 0 : (long)Math.Ceiling(summary.RowCount / (double)summary.ObservedDates.Count);
        var filledRows = context.Query.Positions ? filled.Count * rowsPerDate : filled.Count;
        var diagnostics = new AnalyticsDiagnostics
        {
            MissingDatesCount = reportedMissing.Count,
            StalePointsCount = summary.StalePoints,
            ExpectedBusinessDatesCount = context.ExpectedDates.Count,
            ExpectedBusinessDatesDigest = AnalyticsFingerprint.HashText(string.Join(",", context.ExpectedDates.Select(Decimals.Date))),
            ReturnedObservationDatesCount = summary.ObservedDates.Count + filled.Count,
            CashFlowsIncluded = context.Query.IncludeCashFlows,
            CardinalityEstimate = summary.RowCount + filledRows,
            PriceStalenessDays = summary.MaxPriceStalenessDays,
        };
        diagnostics.MissingDatesSample.AddRange(reportedMissing.Take(SampleSize).Select(Decimals.Date));
        diagnostics.RequestedDimensions.AddRange(context.Query.Dimensions);
        foreach (var (status, count) in summary.StatusCounts)
        {
            diagnostics.QualityStatusDistribution[status] = count;
        }

        if (filledRows > 0)
        {
            diagnostics.QualityStatusDistribution.TryGetValue(AnalyticsVocabulary.StatusProvisional, out var provisional);
            diagnostics.QualityStatusDistribution[AnalyticsVocabulary.StatusProvisional] = provisional + (int)filledRows;
        }

        string quality;
        if (context.ExpectedDates.Count == 0)
        {
            quality = "UNKNOWN";
        }
        else if (summary.ObservedDates.Count == 0)
        {
            quality = "UNRECONCILED";
        }
        else if (summary.StalePoints > 0)
        {
            quality = "STALE";
        }
        else if (reportedMissing.Count > 0 || filled.Count > 0)
        {
            quality = "PARTIAL";
        }
        else
        {
            quality = "COMPLETE";
        }

        return (diagnostics, quality);
    }
}
