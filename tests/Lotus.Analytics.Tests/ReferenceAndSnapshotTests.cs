using System.Globalization;
using Lotus.Analytics.Tests.Support;
using Lotus.Core.V1;
using Lotus.Grpc;

namespace Lotus.Analytics.Tests;

[TestFixture]
public sealed class ReferenceAndSnapshotTests
{
    [Test]
    public async Task Reference_PortfolioFactsAndPerformanceEnd()
    {
        var (service, _, _, _) = Samples.Create();
        var reference = (await service.GetAnalyticsReference(new GetAnalyticsReferenceRequest { PortfolioId = Samples.Portfolio, AsOfDate = "2024-03-03" }, new TestCallContext())).Reference;
        Assert.Multiple(() =>
        {
            Assert.That(reference.ProductName, Is.EqualTo("PortfolioAnalyticsReference"));
            Assert.That(reference.PortfolioOpenDate, Is.EqualTo("2022-01-03"));
            Assert.That(reference.PerformanceEndDate, Is.EqualTo("2024-03-01"));
            Assert.That(reference.ClientId, Is.EqualTo("CL_1"));
            Assert.That(reference.BookingCenterCode, Is.EqualTo("ZRH"));
            Assert.That(reference.SupportedGroupingDimensions, Is.EqualTo(new[] { "asset_class", "sector", "country" }));
            Assert.That(reference.ReferenceStatePolicy, Is.EqualTo("current_portfolio_reference_state"));
            Assert.That(reference.DataQualityStatus, Is.EqualTo("COMPLETE"));
        });
    }

    [Test]
    public async Task Reference_AsOfBeforeAnyVersion_PartialWithoutEndDate()
    {
        var (service, _, _, _) = Samples.Create();
        var reference = (await service.GetAnalyticsReference(new GetAnalyticsReferenceRequest { PortfolioId = Samples.Portfolio, AsOfDate = "2021-01-01" }, new TestCallContext())).Reference;
        Assert.That((reference.PerformanceEndDate, reference.DataQualityStatus), Is.EqualTo((string.Empty, "PARTIAL")));
    }

    [Test]
    public async Task Enrichment_KnownAndUnknownIds()
    {
        var (service, _, _, _) = Samples.Create();
        var request = new GetInstrumentEnrichmentRequest { SecurityIds = { "SAP", "NOPE", "AAPL", "SAP" } };
        var enrichment = (await service.GetInstrumentEnrichment(request, new TestCallContext())).Enrichment;
        Assert.That(enrichment.Records.Select(r => r.SecurityId), Is.EqualTo(new[] { "SAP", "AAPL" }));
        Assert.That(enrichment.UnknownSecurityIds, Is.EqualTo(new[] { "NOPE" }));
        Assert.That(enrichment.Records[0].IssuerName, Is.EqualTo("SAP SE"));
        Assert.That(enrichment.RequestFingerprint, Has.Length.EqualTo(64));
    }

    [Test]
    public void Enrichment_NoIds_InvalidArgument()
    {
        var (service, _, _, _) = Samples.Create();
        var ex = Assert.ThrowsAsync<RpcException>(() => service.GetInstrumentEnrichment(new GetInstrumentEnrichmentRequest(), new TestCallContext()));
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
    }

    [Test]
    public async Task Snapshot_PositionsTotalsWeightsInReportingCurrency()
    {
        var (service, _, _, _) = Samples.Create();
        var request = new GetCoreSnapshotRequest
        {
            PortfolioId = Samples.Portfolio,
            AsOfDate = "2023-03-05",
            ReportingCurrency = "CHF",
            Sections = { "portfolio_state", "positions_baseline", "portfolio_totals", "instrument_enrichment" },
            Options = new CoreSnapshotOptions { IncludeCashPositions = false },
        };
        var snapshot = (await service.GetCoreSnapshot(request, new TestCallContext())).Snapshot;
        var positions = snapshot.Sections.PositionsBaseline;
        Assert.That(positions.Select(p => p.SecurityId), Is.EqualTo(new[] { "AAPL", "SAP" }));
        var total = decimal.Parse(snapshot.Sections.PortfolioTotals.TotalMarketValueBase, CultureInfo.InvariantCulture);
        Assert.That(positions.Sum(p => decimal.Parse(p.MarketValueBase, CultureInfo.InvariantCulture)), Is.EqualTo(total));
        Assert.That(positions.Sum(p => decimal.Parse(p.Weight, CultureInfo.InvariantCulture)), Is.EqualTo(1m).Within(0.0000001m));
        var rate = Samples.UsdChf(new DateOnly(2023, 3, 3));
        Assert.That(decimal.Parse(snapshot.Sections.PortfolioTotals.TotalMarketValueReporting, CultureInfo.InvariantCulture), Is.EqualTo(Math.Round(total * rate, 10)));
        Assert.That(snapshot.Sections.PortfolioState.SnapshotEpoch, Is.EqualTo(1));
        Assert.That(snapshot.Sections.InstrumentEnrichment.Select(e => e.SecurityId), Is.EqualTo(new[] { "AAPL", "SAP" }));
    }

    [Test]
    public void Snapshot_NoSectionsOrSimulation_Refused()
    {
        var (service, _, _, _) = Samples.Create();
        var none = Assert.ThrowsAsync<RpcException>(() => service.GetCoreSnapshot(new GetCoreSnapshotRequest { PortfolioId = Samples.Portfolio, AsOfDate = "2023-03-03" }, new TestCallContext()));
        Assert.That(none!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        var simulation = Assert.ThrowsAsync<RpcException>(() => service.GetCoreSnapshot(new GetCoreSnapshotRequest { PortfolioId = Samples.Portfolio, AsOfDate = "2023-03-03", SnapshotMode = "SIMULATION", Sections = { "portfolio_totals" } }, new TestCallContext()));
        Assert.That(simulation!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
    }
}
