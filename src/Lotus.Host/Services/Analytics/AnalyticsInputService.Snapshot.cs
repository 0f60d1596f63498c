using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Storage.Analytics;

namespace Lotus.Host.Services.Analytics;

public sealed partial class AnalyticsInputService
{
    /// <summary>
    /// A BASELINE snapshot at the latest valuation date not after as_of_date (at the version known on
    /// as_of_date): positions in local, base and reporting currency, totals, weights on base market value.
    /// SIMULATION mode is UNSUPPORTED_CONFIGURATION here.
    /// </summary>
    public override Task<GetCoreSnapshotResponse> GetCoreSnapshot(GetCoreSnapshotRequest request, ServerCallContext context)
        => Guard(AnalyticsVocabulary.SnapshotProduct, async () =>
        {
            const string product = AnalyticsVocabulary.SnapshotProduct;
            var asOf = RequireDate(request.AsOfDate, "as_of_date", product);
            if (request.SnapshotMode is not ("" or "BASELINE"))
            {
                throw request.SnapshotMode == "SIMULATION"
                    ? AnalyticsErrors.Create(AnalyticsErrorClass.UnsupportedConfiguration, "snapshot_mode SIMULATION is not supported", product)
                    : AnalyticsErrors.InvalidField("snapshot_mode", "must be BASELINE or SIMULATION", product);
            }

            var sections = request.Sections.Distinct(StringComparer.Ordinal).ToList();
            if (sections.Count == 0)
            {
                throw AnalyticsErrors.InvalidField("sections", "needs at least one section", product);
            }

            foreach (var section in sections.Where(s => !AnalyticsVocabulary.SnapshotSections.Contains(s, StringComparer.Ordinal)))
            {
                throw AnalyticsErrors.InvalidField("sections", $"'{section}' is not one of {string.Join(", ", AnalyticsVocabulary.SnapshotSections)}", product);
            }

            var portfolio = await RequirePortfolioAsync(request.PortfolioId, request.TenantId, product, context.CancellationToken).ConfigureAwait(false);
            var reporting = request.ReportingCurrency.Length == 0 ? portfolio.BaseCurrency : request.ReportingCurrency.ToUpperInvariant();
            var version = await _store.ResolveVersionAsync(portfolio.PortfolioId, asOf, context.CancellationToken).ConfigureAwait(false);
            var date = version.Version > 0
                ? await _store.GetPerformanceEndDateAsync(portfolio.PortfolioId, version.Version, asOf, context.CancellationToken).ConfigureAwait(false)
                : null;

            var rows = new List<PositionDayRow>();
            if (date is { } d)
            {
                await foreach (var row in _store.ReadPositionDaysAsync(portfolio.PortfolioId, version.Version, d, d, null, null, 0, context.CancellationToken).ConfigureAwait(false))
                {
                    rows.Add(row);
                }
            }

            var instruments = rows.Count == 0
                ? new Dictionary<string, InstrumentRow>(StringComparer.Ordinal)
                : (await _store.GetInstrumentsAsync(rows.Select(r => r.SecurityId).ToList(), context.CancellationToken).ConfigureAwait(false)).ToDictionary(i => i.SecurityId, StringComparer.Ordinal);
            var includeCash = request.Options?.HasIncludeCashPositions != true || request.Options.IncludeCashPositions;
            var includeZero = request.Options?.IncludeZeroQuantityPositions == true;
            rows = rows.Where(r => (includeZero || r.Quantity != 0m)
                && (includeCash || !BeginningCapitalContinuity.IsCashBook(r.SecurityId, instruments.GetValueOrDefault(r.SecurityId)?.AssetClass))).ToList();

            var fx = new FxTable(_store, asOf, product);
            var rate = date is { } valuationDate ? await fx.RateAsync(portfolio.BaseCurrency, reporting, valuationDate, context.CancellationToken).ConfigureAwait(false) : 1m;
            var totalBase = rows.Sum(r => r.MarketValueBase ?? 0m);
            var snapshot = new CoreSnapshot
            {
                ProductName = product,
                ProductVersion = AnalyticsVocabulary.ProductVersion,
                ContractVersion = AnalyticsVocabulary.ContractVersion,
                PortfolioId = portfolio.PortfolioId,
                AsOfDate = Decimals.Date(asOf),
                ReportingCurrency = reporting,
                RequestFingerprint = AnalyticsFingerprint.Hash("core-snapshot", request),
                Sections = new CoreSnapshotSections(),
            };
            snapshot.Lineage = Lineage.Of(snapshot.RequestFingerprint, version, _time);
            snapshot.RequestedSections.AddRange(request.Sections);
            snapshot.AppliedSections.AddRange(sections);
            if (sections.Contains("portfolio_state"))
            {
                snapshot.Sections.PortfolioState = new SnapshotPortfolioState
                {
                    PortfolioId = portfolio.PortfolioId,
                    BaseCurrency = portfolio.BaseCurrency,
                    OpenDate = Decimals.Date(portfolio.OpenDate),
                    CloseDate = portfolio.CloseDate is { } close ? Decimals.Date(close) : string.Empty,
                    CostBasisMethod = portfolio.CostBasisMethod,
                    SnapshotEpoch = version.Version,
                };
            }

            if (sections.Contains("positions_baseline"))
            {
                foreach (var row in rows.OrderBy(r => r.SecurityId, StringComparer.Ordinal))
                {
                    snapshot.Sections.PositionsBaseline.Add(new SnapshotPosition
                    {
                        SecurityId = row.SecurityId,
                        Quantity = Decimals.Format(row.Quantity),
                        Currency = row.PositionCurrency,
                        MarketValueLocal = Decimals.Format(row.EodMarketValueLocal),
                        MarketValueBase = Decimals.Format(row.MarketValueBase),
                        MarketValueReporting = Decimals.Format(row.MarketValueBase * rate),
                        CostBasisLocal = Decimals.Format(row.CostBasisLocal),
                        CostBasisBase = Decimals.Format(row.CostBasisBase),
                        UnrealizedGainLossBase = Decimals.Format(row.UnrealizedGainLossBase),
                        Weight = totalBase == 0m || row.MarketValueBase is null ? string.Empty : Decimals.Format(row.MarketValueBase.Value / totalBase),
                        ValuationStatus = ValuationStatuses.Of(row.Restated, row.EodMarketValueLocal is null),
                    });
                }
            }

            if (sections.Contains("portfolio_totals"))
            {
                snapshot.Sections.PortfolioTotals = new SnapshotTotals
                {
                    TotalMarketValueBase = Decimals.Format(totalBase),
                    TotalMarketValueReporting = Decimals.Format(totalBase * rate),
                    TotalCostBasisBase = Decimals.Format(rows.Sum(r => r.CostBasisBase ?? 0m)),
                    TotalUnrealizedGainLossBase = Decimals.Format(rows.Sum(r => r.UnrealizedGainLossBase ?? 0m)),
                    PositionCount = rows.Count,
                    UnvaluedPositionCount = rows.Count(r => r.EodMarketValueLocal is null),
                };
            }

            if (sections.Contains("instrument_enrichment"))
            {
                snapshot.Sections.InstrumentEnrichment.AddRange(rows
                    .Select(r => instruments.GetValueOrDefault(r.SecurityId))
                    .OfType<InstrumentRow>()
                    .OrderBy(i => i.SecurityId, StringComparer.Ordinal)
                    .Select(EnrichmentRecord));
            }

            return new GetCoreSnapshotResponse { Snapshot = snapshot };
        });
}
