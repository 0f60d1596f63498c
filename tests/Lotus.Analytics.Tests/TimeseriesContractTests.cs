using System.Globalization;
using Lotus.Analytics.Tests.Support;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Storage.Analytics;

namespace Lotus.Analytics.Tests;

/// <summary>Contract of the timeseries rpcs: values, currencies, FX lineage, policies, diagnostics, errors.</summary>
[TestFixture]
public sealed class TimeseriesContractTests
{
    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [Test]
    public async Task PortfolioPage_EchoesContractMetadata()
    {
        var (service, _, _, _) = Samples.Create();
        var page = (await service.GetPortfolioTimeseries(Requests.Portfolio("2023-01-02", "2023-01-31", asOf: "2024-06-30"), new TestCallContext())).PortfolioTimeseries;
        Assert.Multiple(() =>
        {
            Assert.That(page.ProductName, Is.EqualTo("PortfolioTimeseriesInput"));
            Assert.That(page.ContractVersion, Is.EqualTo("rfc_063_v1"));
            Assert.That(page.PortfolioCurrency, Is.EqualTo("USD"));
            Assert.That(page.ReportingCurrency, Is.EqualTo("USD"));
            Assert.That(page.PortfolioOpenDate, Is.EqualTo("2022-01-03"));
            Assert.That(page.PerformanceEndDate, Is.EqualTo("2024-06-28"));
            Assert.That(page.ResolvedWindow.StartDate, Is.EqualTo("2023-01-02"));
            Assert.That(page.CalendarId, Is.EqualTo("GLOBAL"));
            Assert.That(page.MissingObservationPolicy, Is.EqualTo("strict"));
            Assert.That(page.ConsumerSystem, Is.EqualTo("lotus-performance"));
            Assert.That(page.DataQualityStatus, Is.EqualTo("COMPLETE"));
            Assert.That(page.Observations, Has.Count.EqualTo(22));
            Assert.That(page.Diagnostics.ExpectedBusinessDatesCount, Is.EqualTo(22));
            Assert.That(page.Diagnostics.QualityStatusDistribution["final"], Is.EqualTo(22));
            Assert.That(page.Lineage.RequestFingerprint, Has.Length.EqualTo(64));
            Assert.That(page.Lineage.DataVersion, Is.EqualTo("1"));
            Assert.That(page.Lineage.SourceTimestamp, Is.Not.Empty);
            Assert.That(page.Page.RequestScopeFingerprint, Is.EqualTo(page.Lineage.RequestFingerprint));
        });
    }

    [Test]
    public async Task PortfolioValue_IsSumOfPositionsInPortfolioCurrency()
    {
        var (service, _, _, _) = Samples.Create();
        var portfolio = (await service.GetPortfolioTimeseries(Requests.Portfolio("2023-03-01", "2023-03-10"), new TestCallContext())).PortfolioTimeseries;
        var positions = (await service.GetPositionTimeseries(Requests.Position("2023-03-01", "2023-03-10"), new TestCallContext())).PositionTimeseries;
        foreach (var observation in portfolio.Observations)
        {
            var sum = positions.Rows.Where(r => r.ValuationDate == observation.ValuationDate).Sum(r => D(r.EndingMarketValuePortfolioCurrency));
            Assert.That(D(observation.EndingMarketValue), Is.EqualTo(sum), observation.ValuationDate);
        }
    }

    [Test]
    public async Task ReportingCurrency_ConvertsWithPipelineRateAndLineage()
    {
        var (service, _, _, _) = Samples.Create();
        var page = (await service.GetPositionTimeseries(Requests.Position("2023-03-06", "2023-03-06", reporting: "chf"), new TestCallContext())).PositionTimeseries;
        var date = new DateOnly(2023, 3, 6);
        var sap = page.Rows.Single(r => r.SecurityId == "SAP");
        Assert.Multiple(() =>
        {
            Assert.That(page.ReportingCurrency, Is.EqualTo("CHF"));
            Assert.That(D(sap.PositionToPortfolioFxRate), Is.EqualTo(Samples.EurUsd(date)));
            Assert.That(D(sap.PortfolioToReportingFxRate), Is.EqualTo(Samples.UsdChf(date)));
            Assert.That(D(sap.EndingMarketValuePortfolioCurrency), Is.EqualTo(D(sap.EndingMarketValuePositionCurrency) * Samples.EurUsd(date)));
            Assert.That(D(sap.EndingMarketValueReportingCurrency), Is.EqualTo(Math.Round(D(sap.EndingMarketValuePositionCurrency) * Samples.EurUsd(date) * Samples.UsdChf(date), 10)));
            Assert.That(sap.FxRateSource, Is.EqualTo("lotus-core.fx_rates:USD/CHF@2023-03-06"));
            Assert.That(sap.FxRateTimestamp, Does.StartWith("2023-03-06T18:00:00"));
            Assert.That(sap.PositionId, Is.EqualTo("PF_1:SAP"));
        });
    }

    [Test]
    public async Task MissingReportingFx_InsufficientData422Shape()
    {
        var (service, _, _, _) = Samples.Create();
        var ex = Assert.ThrowsAsync<RpcException>(() => service.GetPortfolioTimeseries(Requests.Portfolio("2023-03-01", "2023-03-10", reporting: "GBP"), new TestCallContext()));
        var info = Requests.Info(ex!);
        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.FailedPrecondition));
            Assert.That(info.Reason, Is.EqualTo("INSUFFICIENT_DATA"));
            Assert.That(info.Domain, Is.EqualTo("lotus.core"));
            Assert.That(info.Metadata["error_code"], Is.EqualTo("QCP_ANALYTICS_INSUFFICIENT_DATA"));
            Assert.That(info.Metadata["analytics_error_code"], Is.EqualTo("INSUFFICIENT_DATA"));
            Assert.That(info.Metadata["source_product"], Is.EqualTo("PortfolioTimeseriesInput"));
            Assert.That(ex.Status.Detail, Does.Contain("Missing FX rate for USD/GBP"));
        });
    }

    [Test]
    public void WeeklyFrequency_Unimplemented()
    {
        var (service, _, _, _) = Samples.Create();
        var request = Requests.Portfolio("2023-03-01", "2023-03-10");
        request.Frequency = "weekly";
        var ex = Assert.ThrowsAsync<RpcException>(() => service.GetPortfolioTimeseries(request, new TestCallContext()));
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.Unimplemented));
        Assert.That(Requests.Info(ex).Reason, Is.EqualTo("UNSUPPORTED_CONFIGURATION"));
    }

    [Test]
    public void InvalidFields_OneInvalidArgumentWithEveryViolation()
    {
        var (service, _, _, _) = Samples.Create();
        var request = Requests.Position("2023-13-01", "2023-03-10", asOf: "");
        request.Dimensions.Add("region");
        request.MissingObservationPolicy = "interpolate";
        request.Filters = new PositionFilters();
        request.Filters.PositionIds.Add("OTHER:AAPL");
        var ex = Assert.ThrowsAsync<RpcException>(() => service.GetPositionTimeseries(request, new TestCallContext()));
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(Requests.BadRequestOf(ex)!.FieldViolations.Select(v => v.Field),
            Is.EquivalentTo(new[] { "as_of_date", "window.start_date", "missing_observation_policy", "dimensions", "filters.position_ids" }));
        Assert.That(Requests.Info(ex).Metadata["error_code"], Is.EqualTo("QCP_ANALYTICS_INVALID_REQUEST"));
    }

    [Test]
    public void WindowAfterAsOf_InvalidRequest()
    {
        var (service, _, _, _) = Samples.Create();
        var ex = Assert.ThrowsAsync<RpcException>(() => service.GetPortfolioTimeseries(Requests.Portfolio("2024-07-01", "2024-09-30", asOf: "2024-06-30"), new TestCallContext()));
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
    }

    [Test]
    public async Task WindowBeforeOpenDate_EmptyObservationsNotError()
    {
        var (service, _, _, _) = Samples.Create();
        var page = (await service.GetPortfolioTimeseries(Requests.Portfolio("1900-01-01", "1900-03-31"), new TestCallContext())).PortfolioTimeseries;
        Assert.That(page.Observations, Is.Empty);
        Assert.That(page.DataQualityStatus, Is.EqualTo("UNKNOWN"));
        Assert.That(page.PortfolioOpenDate, Is.EqualTo("2022-01-03"));
    }

    [Test]
    public void UnknownPortfolioOrOtherTenant_NotFound()
    {
        var (service, _, _, _) = Samples.Create();
        var request = Requests.Portfolio("2023-01-01", "2023-01-31");
        request.PortfolioId = "NOPE";
        var ex = Assert.ThrowsAsync<RpcException>(() => service.GetPortfolioTimeseries(request, new TestCallContext()));
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.NotFound));
        Assert.That(Requests.Info(ex).Metadata["error_code"], Is.EqualTo("QCP_ANALYTICS_NOT_FOUND"));

        var otherTenant = Requests.Portfolio("2023-01-01", "2023-01-31");
        otherTenant.TenantId = "tenant-b";
        Assert.That(Assert.ThrowsAsync<RpcException>(() => service.GetPortfolioTimeseries(otherTenant, new TestCallContext()))!.StatusCode, Is.EqualTo(StatusCode.NotFound));
    }

    [Test]
    public void StoreDown_SourceUnavailable()
    {
        var (service, store, _, _) = Samples.Create();
        store.Failure = new TimeoutException("connection timed out");
        var ex = Assert.ThrowsAsync<RpcException>(() => service.GetPortfolioTimeseries(Requests.Portfolio("2023-01-01", "2023-01-31"), new TestCallContext()));
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.Unavailable));
        Assert.That(Requests.Info(ex).Reason, Is.EqualTo("SOURCE_UNAVAILABLE"));
    }

    [TestCase("", 1, 22)]
    [TestCase("strict", 1, 22)]
    [TestCase("skip", 0, 22)]
    [TestCase("forward_fill", 0, 23)]
    public async Task MissingDate_PolicyApplied(string policy, int missing, int observations)
    {
        var store = Samples.Seed(new InMemoryAnalyticsStore(), skipDate: new DateOnly(2023, 3, 15));
        var (service, _, _, _) = Samples.Create(store);
        var page = (await service.GetPortfolioTimeseries(Requests.Portfolio("2023-03-01", "2023-03-31", policy: policy), new TestCallContext())).PortfolioTimeseries;
        Assert.That(page.Diagnostics.MissingDatesCount, Is.EqualTo(missing));
        Assert.That(page.Observations, Has.Count.EqualTo(observations));
        if (missing > 0)
        {
            Assert.That(page.Diagnostics.MissingDatesSample, Is.EqualTo(new[] { "2023-03-15" }));
            Assert.That(page.DataQualityStatus, Is.EqualTo("PARTIAL"));
        }

        if (policy == "forward_fill")
        {
            var filled = page.Observations.Single(o => o.ValuationDate == "2023-03-15");
            var previous = page.Observations.Single(o => o.ValuationDate == "2023-03-14");
            Assert.That(filled.ValuationStatus, Is.EqualTo("provisional"));
            Assert.That(filled.EndingMarketValue, Is.EqualTo(previous.EndingMarketValue));
            Assert.That(filled.BeginningMarketValue, Is.EqualTo(previous.EndingMarketValue));
            Assert.That(page.Diagnostics.QualityStatusDistribution["provisional"], Is.EqualTo(1));
        }
    }

    [Test]
    public async Task ForwardFillPositions_PagesEqualStream()
    {
        var store = Samples.Seed(new InMemoryAnalyticsStore(), skipDate: new DateOnly(2023, 3, 15));
        var (service, _, _, _) = Samples.Create(store);
        var pages = await PagingTests.AllPositionPagesAsync(service, Requests.Position("2023-03-01", "2023-03-31", pageSize: 4, policy: "forward_fill"));
        var writer = new ListStreamWriter<StreamPositionTimeseriesResponse>();
        await service.StreamPositionTimeseries(Requests.Stream<StreamPositionTimeseriesRequest>(Requests.Position("2023-03-01", "2023-03-31", pageSize: 4, policy: "forward_fill")), writer, new TestCallContext());
        var rows = pages.SelectMany(p => p.Rows).ToList();
        Assert.That(rows, Has.Count.EqualTo(23 * 3));
        Assert.That(writer.Messages.SelectMany(m => m.PositionTimeseries.Rows), Is.EqualTo(rows));
        Assert.That(rows.Where(r => r.ValuationDate == "2023-03-15").Select(r => r.ValuationStatus).Distinct(), Is.EqualTo(new[] { "provisional" }));
    }

    [Test]
    public async Task CashFlows_TypedAndSignedPerView()
    {
        var (service, _, _, _) = Samples.Create();
        var portfolio = (await service.GetPortfolioTimeseries(Requests.Portfolio("2022-01-03", "2022-01-03"), new TestCallContext())).PortfolioTimeseries;
        var deposit = portfolio.Observations.Single().CashFlows.Single();
        Assert.That((deposit.Timing, deposit.CashFlowType, deposit.FlowScope, deposit.SourceClassification, deposit.SourceTransactionId),
            Is.EqualTo(("bod", "external_flow", "external", "CASHFLOW_IN", "T_DEP")));
        Assert.That(D(deposit.Amount), Is.EqualTo(5000m));

        var positions = (await service.GetPositionTimeseries(Requests.Position("2023-05-15", "2023-05-15"), new TestCallContext())).PositionTimeseries;
        var dividend = positions.Rows.Single(r => r.SecurityId == "AAPL").CashFlows.Single();
        Assert.That(D(dividend.Amount), Is.EqualTo(-12.5m), "income leaves the position");
        Assert.That(dividend.CashFlowType, Is.EqualTo("income"));

        var fee = (await service.GetPortfolioTimeseries(Requests.Portfolio("2023-06-30", "2023-06-30"), new TestCallContext())).PortfolioTimeseries.Observations.Single().CashFlows.Single();
        Assert.That((fee.CashFlowType, fee.FlowScope, D(fee.Amount)), Is.EqualTo(("fee", "operational", -25m)));
    }

    [Test]
    public async Task StaleStoredBod_RepairedToPriorEod()
    {
        var store = new InMemoryAnalyticsStore();
        Samples.Seed(store, last: new DateOnly(2022, 3, 31));
        var (service, _, _, _) = Samples.Create(store);
        var stale = store.Visible(Samples.Portfolio, 1).Single(r => r.SecurityId == "SAP" && r.ValuationDate == new DateOnly(2022, 3, 2));
        store.Commit(Samples.Portfolio, new DateOnly(2022, 3, 31), [stale with { BodMarketValueLocal = 1m }]);
        var page = (await service.GetPositionTimeseries(Requests.Position("2022-03-02", "2022-03-02"), new TestCallContext())).PositionTimeseries;
        var prior = store.Visible(Samples.Portfolio, 2).Single(r => r.SecurityId == "SAP" && r.ValuationDate == new DateOnly(2022, 3, 1));
        Assert.That(D(page.Rows.Single(r => r.SecurityId == "SAP").BeginningMarketValuePositionCurrency), Is.EqualTo(prior.EodMarketValueLocal));
    }

    [Test]
    public async Task DimensionsAndFilters_SelectAndLabelRows()
    {
        var (service, _, _, _) = Samples.Create();
        var request = Requests.Position("2023-03-01", "2023-03-03");
        request.Dimensions.Add("asset_class");
        request.Dimensions.Add("country");
        request.Filters = new PositionFilters();
        request.Filters.DimensionFilters.Add(new DimensionFilter { Dimension = "asset_class", Values = { "equity" } });
        request.Filters.PositionIds.Add("PF_1:SAP");
        request.IncludeCashFlows = false;
        var page = (await service.GetPositionTimeseries(request, new TestCallContext())).PositionTimeseries;
        Assert.That(page.Rows.Select(r => r.SecurityId).Distinct(), Is.EqualTo(new[] { "SAP" }));
        Assert.That(page.Rows[0].Dimensions["country"], Is.EqualTo("DE"));
        Assert.That(page.Rows[0].Dimensions["asset_class"], Is.EqualTo("equity"));
        Assert.That(page.Diagnostics.RequestedDimensions, Is.EqualTo(new[] { "asset_class", "country" }));
        Assert.That(page.Diagnostics.CashFlowsIncluded, Is.False);
    }

    [Test]
    public async Task Period_ResolvedFromAsOf()
    {
        var (service, _, _, _) = Samples.Create();
        var request = new GetPortfolioTimeseriesRequest { PortfolioId = Samples.Portfolio, AsOfDate = "2024-06-30", Period = "ytd" };
        var page = (await service.GetPortfolioTimeseries(request, new TestCallContext())).PortfolioTimeseries;
        Assert.That((page.ResolvedWindow.StartDate, page.ResolvedWindow.EndDate), Is.EqualTo(("2024-01-01", "2024-06-30")));
    }

    [Test]
    public async Task StalePrices_CountedAndStatusStale()
    {
        var store = new InMemoryAnalyticsStore();
        Samples.Seed(store, last: new DateOnly(2022, 3, 31));
        var (service, _, _, _) = Samples.Create(store);
        var row = store.Visible(Samples.Portfolio, 1).Single(r => r.SecurityId == "AAPL" && r.ValuationDate == new DateOnly(2022, 3, 2));
        store.Commit(Samples.Portfolio, new DateOnly(2022, 3, 31), [row with { PriceStalenessDays = 3 }]);
        var page = (await service.GetPortfolioTimeseries(Requests.Portfolio("2022-03-01", "2022-03-04"), new TestCallContext())).PortfolioTimeseries;
        Assert.That(page.Diagnostics.StalePointsCount, Is.EqualTo(1));
        Assert.That(page.Diagnostics.PriceStalenessDays, Is.EqualTo(3));
        Assert.That(page.DataQualityStatus, Is.EqualTo("STALE"));
        Assert.That(page.Observations.Single(o => o.ValuationDate == "2022-03-02").PriceStalenessDays, Is.EqualTo(3));
    }

    [Test]
    public async Task UnvaluedDay_EmptyValuesProvisional()
    {
        var store = new InMemoryAnalyticsStore();
        Samples.Seed(store, last: new DateOnly(2022, 3, 31));
        var (service, _, _, _) = Samples.Create(store);
        var row = store.Visible(Samples.Portfolio, 1).Single(r => r.SecurityId == "SAP" && r.ValuationDate == new DateOnly(2022, 3, 2));
        store.Commit(Samples.Portfolio, new DateOnly(2022, 3, 31), [row with { EodMarketValueLocal = null, BodMarketValueLocal = null, PositionToPortfolioFxRate = null }]);
        var page = (await service.GetPositionTimeseries(Requests.Position("2022-03-02", "2022-03-02"), new TestCallContext())).PositionTimeseries;
        var sap = page.Rows.Single(r => r.SecurityId == "SAP");
        Assert.That((sap.EndingMarketValuePositionCurrency, sap.ValuationStatus), Is.EqualTo((string.Empty, "provisional")));
        _ = ValuationStatuses.Provisional;
    }
}
