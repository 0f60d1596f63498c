using Lotus.Core.V1;
using Lotus.Storage.Analytics;

namespace Lotus.Host.Services.Analytics;

/// <summary>
/// Pages of the position timeseries in (valuation_date, position_id, security_id) order: values in
/// position currency (the calculators' local values), portfolio currency (the pipeline's own
/// position-to-portfolio rate of the row) and reporting currency (portfolio-to-reporting with the
/// pipeline's FX lookup), beginning capital repaired (<see cref="BeginningCapitalContinuity"/>). A page
/// is converted when it is full, after one look-up of the prior EOD of the securities it has no earlier
/// row for; a stream remembers the last EOD of every security across its pages instead.
/// </summary>
public sealed class PositionTimeseriesReader(IAnalyticsStore store, AnalyticsPageTokenCodec tokens, TimeProvider time)
{
    public async Task TraverseAsync(TimeseriesContext context, bool singlePage, Func<PositionTimeseries, Task> emit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(emit);
        var envelope = Envelope(context);
        var pageSize = context.Query.PageSize;
        var cursor = context.Cursor;
        var page = new List<SeriesItem<PositionDayRow>>(Math.Min(pageSize, 8192));
        var lastEod = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        if (context.Version.Version > 0 && context.Window.Start <= context.Window.End && !context.EmptyScope)
        {
            var fill = context.Query.Policy == MissingObservationPolicy.ForwardFill;
            var start = fill ? SeriesTraversal.FillStart(context) : context.Window.Start;
            var limit = !singlePage ? 0 : fill ? pageSize + 1 + context.Summary.MaxRowsPerDate : pageSize + 1;
            var rows = store.ReadPositionDaysAsync(context.Query.PortfolioId, context.Version.Version, start, context.Window.End, fill ? null : cursor, context.SecurityScope, limit, cancellationToken);
            await foreach (var item in SeriesTraversal.FillAsync(rows, r => r.ValuationDate, context.ExpectedDates, fill, limit, cancellationToken).ConfigureAwait(false))
            {
                if (!SeriesTraversal.AfterCursor(cursor, item.Date, item.Row.SecurityId))
                {
                    continue;
                }

                if (page.Count == pageSize)
                {
                    var last = page[^1];
                    var token = tokens.Encode(new AnalyticsPageToken(context.Query.Fingerprint, context.Version.Version, last.Date, last.Row.SecurityId));
                    await emit(await PageAsync(envelope, page, context, lastEod, token, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
                    if (singlePage)
                    {
                        return;
                    }

                    page.Clear();
                }

                page.Add(item);
            }
        }

        await emit(await PageAsync(envelope, page, context, lastEod, string.Empty, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
    }

    private async Task<PositionTimeseries> PageAsync(
        PositionTimeseries envelope, List<SeriesItem<PositionDayRow>> items, TimeseriesContext context, Dictionary<string, decimal?> lastEod, string nextToken, CancellationToken cancellationToken)
    {
        // Prior EOD of securities whose earlier row is not in this traversal's memory (page start).
        var lookups = new List<(string SecurityId, DateOnly Before)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (seen.Add(item.Row.SecurityId) && !lastEod.ContainsKey(item.Row.SecurityId))
            {
                lookups.Add((item.Row.SecurityId, item.Date));
            }
        }

        if (lookups.Count > 0)
        {
            var priors = await store.ReadPriorEodAsync(context.Query.PortfolioId, context.Version.Version, lookups, cancellationToken).ConfigureAwait(false);
            foreach (var (security, _) in lookups)
            {
                lastEod[security] = priors.TryGetValue(security, out var prior) ? prior : null;
            }
        }

        var page = envelope.Clone();
        foreach (var item in items)
        {
            page.Rows.Add(await MapAsync(context, item, lastEod, cancellationToken).ConfigureAwait(false));
        }

        page.Page = new AnalyticsPageInfo
        {
            PageSize = context.Query.PageSize,
            ReturnedRowCount = items.Count,
            SortKey = AnalyticsVocabulary.PositionSortKey,
            RequestScopeFingerprint = context.Query.Fingerprint,
            SnapshotEpoch = context.Version.Version,
            NextPageToken = nextToken,
        };
        return page;
    }

    private static async Task<PositionTimeseriesRow> MapAsync(TimeseriesContext context, SeriesItem<PositionDayRow> item, Dictionary<string, decimal?> lastEod, CancellationToken cancellationToken)
    {
        var row = item.Row;
        var portfolioId = context.Query.PortfolioId;
        var baseCurrency = context.Portfolio.BaseCurrency;
        var prior = lastEod[row.SecurityId];
        lastEod[row.SecurityId] = row.EodMarketValueLocal;

        decimal? toPortfolio = row.PositionToPortfolioFxRate
            ?? (string.Equals(row.PositionCurrency, baseCurrency, StringComparison.Ordinal) ? 1m : null);
        if (toPortfolio is null && row.EodMarketValueLocal is not null)
        {
            throw FxTable.Missing(row.PositionCurrency, baseCurrency, item.Date, context.Query.SourceProduct);
        }

        var fx = await context.Fx.FindCachedAsync(baseCurrency, context.ReportingCurrency, item.Date, cancellationToken).ConfigureAwait(false);
        var toReporting = fx?.Rate ?? 1m;
        var output = new PositionTimeseriesRow
        {
            PositionId = portfolioId + ":" + row.SecurityId,
            SecurityId = row.SecurityId,
            ValuationDate = Decimals.Date(item.Date),
            PositionCurrency = row.PositionCurrency,
            CashFlowCurrency = row.PositionCurrency,
            PositionToPortfolioFxRate = Decimals.Format(toPortfolio),
            PortfolioToReportingFxRate = Decimals.Format(toReporting),
            Quantity = Decimals.Format(row.Quantity),
            PriceStalenessDays = row.PriceStalenessDays,
            FxRateSource = fx is null ? string.Empty : $"{AnalyticsVocabulary.FxRateSource}:{fx.FromCurrency}/{fx.ToCurrency}@{Decimals.Date(fx.RateDate)}",
            FxRateTimestamp = fx is null ? string.Empty : Decimals.Timestamp(fx.UpdatedAt),
        };
        context.Instruments.TryGetValue(row.SecurityId, out var instrument);
        foreach (var dimension in context.Query.Dimensions)
        {
            output.Dimensions[dimension] = TimeseriesContext.DimensionLabel(instrument, dimension);
        }

        decimal? bod;
        decimal? eod = row.EodMarketValueLocal;
        if (item.Filled)
        {
            bod = eod;
            output.ValuationStatus = AnalyticsVocabulary.StatusProvisional;
        }
        else
        {
            output.ValuationStatus = ValuationStatuses.Of(row.Restated, eod is null);
            var key = (row.SecurityId, item.Date);
            List<CashFlowRow> flows = context.PositionFlows.Contains(key) ? context.PositionFlows[key].ToList() : [];
            bod = row.BodMarketValueLocal;
            if (bod is { } storedBod && eod is { } eodValue)
            {
                var scopes = flows.Select(f => CashFlowTyping.Classify(f.Classification, f.IsPositionFlow, f.IsPortfolioFlow).Scope).ToList();
                bod = BeginningCapitalContinuity.Resolve(new ContinuityInput(
                    storedBod,
                    eodValue,
                    prior,
                    flows.Where(f => CashFlowTyping.Timing(f.Timing) == "bod").Sum(CashFlowTyping.PositionAmount),
                    flows.Count > 0,
                    scopes.All(s => s == "internal"),
                    context.ExternalFlowDates.Contains(item.Date),
                    BeginningCapitalContinuity.IsCashBook(row.SecurityId, instrument?.AssetClass)));
            }

            if (context.Query.IncludeCashFlows)
            {
                foreach (var flow in flows)
                {
                    output.CashFlows.Add(CashFlowTyping.ToObservation(flow, CashFlowTyping.PositionAmount(flow)));
                }
            }
        }

        output.BeginningMarketValuePositionCurrency = Decimals.Format(bod);
        output.EndingMarketValuePositionCurrency = Decimals.Format(eod);
        var bodPortfolio = bod * toPortfolio;
        var eodPortfolio = eod * toPortfolio;
        output.BeginningMarketValuePortfolioCurrency = Decimals.Format(bodPortfolio);
        output.EndingMarketValuePortfolioCurrency = Decimals.Format(eodPortfolio);
        output.BeginningMarketValueReportingCurrency = Decimals.Format(bodPortfolio * toReporting);
        output.EndingMarketValueReportingCurrency = Decimals.Format(eodPortfolio * toReporting);
        return output;
    }

    private PositionTimeseries Envelope(TimeseriesContext context)
    {
        var (diagnostics, quality) = DiagnosticsBuilder.Build(context);
        return new PositionTimeseries
        {
            ProductName = AnalyticsVocabulary.PositionTimeseriesProduct,
            ProductVersion = AnalyticsVocabulary.ProductVersion,
            ContractVersion = AnalyticsVocabulary.ContractVersion,
            PortfolioId = context.Portfolio.PortfolioId,
            PortfolioCurrency = context.Portfolio.BaseCurrency,
            ReportingCurrency = context.ReportingCurrency,
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
