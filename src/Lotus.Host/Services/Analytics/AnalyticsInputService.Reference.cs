using Lotus.Core.V1;
using Lotus.Grpc;

namespace Lotus.Host.Services.Analytics;

public sealed partial class AnalyticsInputService
{
    public override Task<GetAnalyticsReferenceResponse> GetAnalyticsReference(GetAnalyticsReferenceRequest request, ServerCallContext context)
        => Guard(AnalyticsVocabulary.ReferenceProduct, async () =>
        {
            const string product = AnalyticsVocabulary.ReferenceProduct;
            var asOf = RequireDate(request.AsOfDate, "as_of_date", product);
            var portfolio = await RequirePortfolioAsync(request.PortfolioId, request.TenantId, product, context.CancellationToken).ConfigureAwait(false);
            var version = await _store.ResolveVersionAsync(portfolio.PortfolioId, asOf, context.CancellationToken).ConfigureAwait(false);
            var end = version.Version > 0
                ? await _store.GetPerformanceEndDateAsync(portfolio.PortfolioId, version.Version, asOf, context.CancellationToken).ConfigureAwait(false)
                : null;
            var reference = new AnalyticsReference
            {
                ProductName = product,
                ProductVersion = AnalyticsVocabulary.ProductVersion,
                ContractVersion = AnalyticsVocabulary.ContractVersion,
                PortfolioId = portfolio.PortfolioId,
                ResolvedAsOfDate = Decimals.Date(asOf),
                PortfolioCurrency = portfolio.BaseCurrency,
                PortfolioOpenDate = Decimals.Date(portfolio.OpenDate),
                PortfolioCloseDate = portfolio.CloseDate is { } close ? Decimals.Date(close) : string.Empty,
                PerformanceEndDate = end is { } e ? Decimals.Date(e) : string.Empty,
                ClientId = portfolio.ClientId ?? string.Empty,
                BookingCenterCode = portfolio.BookingCenterCode ?? string.Empty,
                PortfolioType = portfolio.PortfolioType ?? string.Empty,
                Objective = portfolio.Objective ?? string.Empty,
                ReferenceStatePolicy = AnalyticsVocabulary.ReferenceStatePolicy,
                Lineage = Lineage.Of(AnalyticsFingerprint.Hash("reference", request), version, _time),
                DataQualityStatus = end is null ? "PARTIAL" : "COMPLETE",
            };
            reference.SupportedGroupingDimensions.AddRange(AnalyticsVocabulary.Dimensions);
            return new GetAnalyticsReferenceResponse { Reference = reference };
        });

    public override Task<GetInstrumentEnrichmentResponse> GetInstrumentEnrichment(GetInstrumentEnrichmentRequest request, ServerCallContext context)
        => Guard(AnalyticsVocabulary.EnrichmentProduct, async () =>
        {
            const string product = AnalyticsVocabulary.EnrichmentProduct;
            var ids = request.SecurityIds.Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count == 0)
            {
                throw AnalyticsErrors.InvalidField("security_ids", "needs at least one security id", product);
            }

            var found = (await _store.GetInstrumentsAsync(ids, context.CancellationToken).ConfigureAwait(false))
                .ToDictionary(i => i.SecurityId, StringComparer.Ordinal);
            var enrichment = new InstrumentEnrichment
            {
                ProductName = product,
                ProductVersion = AnalyticsVocabulary.ProductVersion,
                RequestFingerprint = AnalyticsFingerprint.HashText("enrichment\0" + string.Join("\0", ids.Order(StringComparer.Ordinal))),
            };
            foreach (var id in ids)
            {
                if (found.TryGetValue(id, out var instrument))
                {
                    enrichment.Records.Add(EnrichmentRecord(instrument));
                }
                else
                {
                    enrichment.UnknownSecurityIds.Add(id);
                }
            }

            return new GetInstrumentEnrichmentResponse { Enrichment = enrichment };
        });

    internal static InstrumentEnrichmentRecord EnrichmentRecord(Lotus.Storage.Analytics.InstrumentRow instrument) => new()
    {
        SecurityId = instrument.SecurityId,
        IssuerId = instrument.IssuerId ?? string.Empty,
        IssuerName = instrument.IssuerName ?? string.Empty,
        UltimateParentIssuerId = instrument.UltimateParentIssuerId ?? string.Empty,
        UltimateParentIssuerName = instrument.UltimateParentIssuerName ?? string.Empty,
        LiquidityTier = instrument.LiquidityTier ?? string.Empty,
        AssetClass = instrument.AssetClass ?? string.Empty,
        Sector = instrument.Sector ?? string.Empty,
        CountryOfRisk = instrument.CountryOfRisk ?? string.Empty,
        Isin = instrument.Isin ?? string.Empty,
    };
}
