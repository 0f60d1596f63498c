using Lotus.Core.V1;
using Lotus.Storage.Analytics;

namespace Lotus.Host.Services.Analytics;

/// <summary>
/// Pages of the portfolio timeseries: calculated portfolio days (base currency) converted to the
/// reporting currency with the pipeline's FX lookup, portfolio cash flows attached, the policy applied.
/// A unary call emits one page (reading page_size + 1 rows to know whether another follows); a stream
/// emits every page as soon as the row after it arrives, from one streaming read.
/// </summary>
public sealed class PortfolioTimeseriesReader(IAnalyticsStore store, AnalyticsPageTokenCodec tokens, TimeProvider time)
{
    public async Task TraverseAsync(TimeseriesContext context, bool singlePage, Func<PortfolioTimeseries, Task> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(emit);
        var envelope = Envelope(context);
        var pageSize = context.Query.PageSize;
        var cursor = context.Cursor;
        var page = new List<PortfolioObservation>(Math.Min(pageSize, 1024));
        if (context.Version.Version > 0 && context.Window.Start <= context.Window.End)
        {
            var fill = context.Query.Policy == MissingObservationPolicy.ForwardFill;
            var start = fill ? SeriesTraversal.FillStart(context) : context.Window.Start;
            var limit = singlePage ? pageSize + 2 : 0;
            var after = fill ? null : cursor?.ValuationDate;
            var rows = context.PortfolioDays is { } days
                ? FromMemory(days, start, after, limit)
                : store.ReadPortfolioDaysAsync(context.Query.PortfolioId, context.Version.Version, start, context.Window.End, after, limit, cancellationToken);
            DateOnly lastDate = default;
            await foreach (var item in SeriesTraversal.FillAsync(rows, r => r.ValuationDate, context.ExpectedDates, fill, limit, cancellationToken).ConfigureAwait(false))
            {
                if (!SeriesTraversal.AfterCursor(cursor, item.Date, string.Empty))
                {
                    continue;
                }

                if (page.Count == pageSize)
                {
                    await emit(Page(envelope, page, context, tokens.Encode(new AnalyticsPageToken(context.Query.Fingerprint, context.Version.Version, lastDate, string.Empty)))).ConfigureAwait(false);
                    if (singlePage)
                    {
                        return;
                    }

                    page.Clear();
                }

                page.Add(await MapAsync(context, item, cancellationToken).ConfigureAwait(false));
                lastDate = item.Date;
            }
        }

        await emit(Page(envelope, page, context, string.Empty)).ConfigureAwait(false);
    }

    private static async IAsyncEnumerable<PortfolioDayRow> FromMemory(IReadOnlyList<PortfolioDayRow> days, DateOnly start, DateOnly? after, int limit)
    {
        var taken = 0;
        foreach (var day in days)
        {
            if (day.ValuationDate < start || (after is { } a && day.ValuationDate <= a))
            {
                continue;
            }

            if (limit > 0 && taken == limit)
            {
                yield break;
            }

            taken++;
            yield return day;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    private static PortfolioTimeseries Page(PortfolioTimeseries envelope, List<PortfolioObservation> observations, TimeseriesContext context, string nextToken)
    {
        var page = envelope.Clone();
        page.Observations.AddRange(observations);
        page.Page = new AnalyticsPageInfo
        {
            PageSize = context.Query.PageSize,
            ReturnedRowCount = observations.Count,
            SortKey = AnalyticsVocabulary.PortfolioSortKey,
            RequestScopeFingerprint = context.Query.Fingerprint,
            SnapshotEpoch = context.Version.Version,
            NextPageToken = nextToken,
        };
        return page;
    }

    private async Task<PortfolioObservation> MapAsync(TimeseriesContext context, SeriesItem<PortfolioDayRow> item, CancellationToken cancellationToken)
    {
        var row = item.Row;
        var baseCurrency = context.Portfolio.BaseCurrency;
        var fx = await context.Fx.FindAsync(baseCurrency, context.ReportingCurrency, item.Date, cancellationToken).ConfigureAwait(false);
        var rate = fx?.Rate ?? 1m;
        var observation = new PortfolioObservation
        {
            ValuationDate = Decimals.Date(item.Date),
            CashFlowCurrency = context.ReportingCurrency,
            PriceStalenessDays = row.MaxPriceStalenessDays,
            FxRateSource = fx is null ? string.Empty : $"{AnalyticsVocabulary.FxRateSource}:{fx.FromCurrency}/{fx.ToCurrency}@{Decimals.Date(fx.RateDate)}",
            FxRateTimestamp = fx is null ? string.Empty : Decimals.Timestamp(fx.UpdatedAt),
        };
        if (item.Filled)
        {
            observation.BeginningMarketValue = Decimals.Format(row.EodMarketValue * rate);
            observation.EndingMarketValue = observation.BeginningMarketValue;
            observation.ValuationStatus = AnalyticsVocabulary.StatusProvisional;
            return observation;
        }

        observation.BeginningMarketValue = Decimals.Format(row.BodMarketValue * rate);
        observation.EndingMarketValue = Decimals.Format(row.EodMarketValue * rate);
        observation.ValuationStatus = ValuationStatuses.Of(row.Restated, row.UnvaluedPositionCount > 0 || row.EodMarketValue is null);
        if (context.Query.IncludeCashFlows)
        {
            foreach (var flow in context.PortfolioFlows[item.Date])
            {
                var toBase = await context.Fx.RateAsync(flow.Currency, baseCurrency, item.Date, cancellationToken).ConfigureAwait(false);
                observation.CashFlows.Add(CashFlowTyping.ToObservation(flow, flow.Amount * toBase * rate));
            }
        }

        return observation;
    }

    private PortfolioTimeseries Envelope(TimeseriesContext context)
    {
        var (diagnostics, quality) = DiagnosticsBuilder.Build(context);
        return new PortfolioTimeseries
        {
            ProductName = AnalyticsVocabulary.PortfolioTimeseriesProduct,
            ProductVersion = AnalyticsVocabulary.ProductVersion,
            ContractVersion = AnalyticsVocabulary.ContractVersion,
            PortfolioId = context.Portfolio.PortfolioId,
            PortfolioCurrency = context.Portfolio.BaseCurrency,
            ReportingCurrency = context.ReportingCurrency,
            PortfolioOpenDate = Decimals.Date(context.Portfolio.OpenDate),
            PortfolioCloseDate = context.Portfolio.CloseDate is { } close ? Decimals.Date(close) : string.Empty,
            PerformanceEndDate = context.PerformanceEndDate is { } end ? Decimals.Date(end) : string.Empty,
            ResolvedWindow = new DateWindow { StartDate = Decimals.Date(context.Window.Start), EndDate = Decimals.Date(context.Window.End) },
            Frequency = AnalyticsVocabulary.FrequencyDaily,
            CalendarId = context.CalendarId,
            MissingObservationPolicy = context.Query.PolicyName,
            AsOfDate = Decimals.Date(context.Query.AsOfDate),
            TenantId = context.Query.TenantId,
            ConsumerSystem = context.Query.ConsumerSystem,
            DataQualityStatus = quality,
            Lineage = Lineage.Of(context, time),
            Diagnostics = diagnostics,
        };
    }
}

/// <summary>The lineage block of every analytics response.</summary>
public static class Lineage
{
    public static AnalyticsLineage Of(TimeseriesContext context, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(time);
        return Of(context.Query.Fingerprint, context.Version, time);
    }

    public static AnalyticsLineage Of(string fingerprint, PinnedVersion version, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new AnalyticsLineage
        {
            GeneratedBy = AnalyticsVocabulary.GeneratedBy,
            GeneratedAt = Decimals.Timestamp(time.GetUtcNow()),
            RequestFingerprint = fingerprint,
            DataVersion = version.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            SourceTimestamp = version.CommittedAt is { } at ? Decimals.Timestamp(at) : string.Empty,
        };
    }
}
