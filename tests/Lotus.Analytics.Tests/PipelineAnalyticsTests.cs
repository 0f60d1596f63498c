using System.Globalization;
using Lotus.Analytics.Tests.Support;
using Lotus.Calculators.Tests.Support;
using Pipeline = Lotus.Calculators.Tests.Support.Pipeline;
using Lotus.Core.V1;
using Lotus.Host.Services.Analytics;
using Lotus.Storage.Analytics;
using static Lotus.Calculators.Tests.Support.Records;
using AnalyticsInputService = Lotus.Host.Services.Analytics.AnalyticsInputService;

namespace Lotus.Analytics.Tests;

/// <summary>
/// The analytics rpcs over PostgreSQL data produced by the real pipeline (ingestion service, event log,
/// calculator worker): values agree with the calculated tables, portfolio = sum of positions in every
/// currency, pages = stream, and an as_of_date before a back-dated correction answers the old numbers.
/// </summary>
[TestFixture]
public sealed class PipelineAnalyticsTests
{
    private Pipeline _p = null!;
    private AnalyticsInputService _service = null!;

    [SetUp]
    public async Task SetUp()
    {
        _p = await Pipeline.CreateAsync();
        var options = AnalyticsOptions.WithRandomKey();
        _service = new AnalyticsInputService(new PostgresAnalyticsStore(_p.DataSource), new ExportJobStore(_p.DataSource), options, TimeProvider.System);
        await _p.Portfolios(Records.Portfolio("P1"));
        await _p.Instruments(Instrument("AAPL"), Instrument("SAP", currency: "EUR"));
        await _p.BusinessDates("2024-03-01", "2024-03-04", "2024-03-05");
        await _p.Fx(
            Records.Fx("EUR", "USD", "2024-03-01", "1.08"), Records.Fx("EUR", "USD", "2024-03-04", "1.09"), Records.Fx("EUR", "USD", "2024-03-05", "1.10"),
            Records.Fx("USD", "CHF", "2024-03-01", "0.88"), Records.Fx("USD", "CHF", "2024-03-04", "0.89"), Records.Fx("USD", "CHF", "2024-03-05", "0.90"));
        await _p.Prices(
            Price("AAPL", "2024-03-01", "151"), Price("AAPL", "2024-03-04", "155"), Price("AAPL", "2024-03-05", "172"),
            Price("SAP", "2024-03-01", "180", "EUR"), Price("SAP", "2024-03-04", "182", "EUR"), Price("SAP", "2024-03-05", "185", "EUR"));
        await _p.Transactions(
            Buy("B1", "P1", "AAPL", "2024-03-01", "10", "150", fee: "1.5"),
            Buy("B2", "P1", "SAP", "2024-03-04", "5", "181", currency: "EUR"));
        await _p.DrainAsync();
    }

    [TearDown]
    public async Task TearDown() => await _p.DisposeAsync();

    private static decimal D(string value) => decimal.Parse(value, CultureInfo.InvariantCulture);

    [Test]
    public async Task PortfolioTimeseries_EqualsCalculatedPortfolioDays()
    {
        var page = (await _service.GetPortfolioTimeseries(Request("2024-03-01", "2024-03-05", "2024-03-05"), new TestCallContext())).PortfolioTimeseries;
        var days = await _p.PortfolioDays("P1");
        Assert.That(page.Observations.Select(o => (o.ValuationDate, D(o.EndingMarketValue))),
            Is.EqualTo(days.Select(d => (Decimals.Date(d.ValuationDate), d.EodMarketValue!.Value))));
        Assert.That(page.DataQualityStatus, Is.EqualTo("COMPLETE"));
        Assert.That(page.PerformanceEndDate, Is.EqualTo("2024-03-05"));
        Assert.That(page.Lineage.DataVersion, Is.Not.EqualTo("0"));
    }

    [Test]
    public async Task PortfolioValue_IsSumOfPositionsInAllThreeCurrencies()
    {
        var portfolio = (await _service.GetPortfolioTimeseries(Request("2024-03-01", "2024-03-05", "2024-03-05", "CHF"), new TestCallContext())).PortfolioTimeseries;
        var positions = (await _service.GetPositionTimeseries(PositionRequest("2024-03-01", "2024-03-05", "2024-03-05", "CHF"), new TestCallContext())).PositionTimeseries;
        foreach (var observation in portfolio.Observations)
        {
            var rows = positions.Rows.Where(r => r.ValuationDate == observation.ValuationDate).ToList();
            Assert.That(rows.Sum(r => D(r.EndingMarketValueReportingCurrency)), Is.EqualTo(D(observation.EndingMarketValue)).Within(0.00000001m), observation.ValuationDate);
            foreach (var row in rows)
            {
                Assert.That(D(row.EndingMarketValuePortfolioCurrency), Is.EqualTo(Math.Round(D(row.EndingMarketValuePositionCurrency) * D(row.PositionToPortfolioFxRate), 10)));
            }
        }

        var sap = positions.Rows.Single(r => r.SecurityId == "SAP" && r.ValuationDate == "2024-03-05");
        Assert.That((sap.PositionCurrency, D(sap.PositionToPortfolioFxRate), D(sap.PortfolioToReportingFxRate)), Is.EqualTo(("EUR", 1.10m, 0.90m)));
        Assert.That(D(sap.EndingMarketValuePositionCurrency), Is.EqualTo(925m));
        Assert.That(sap.FxRateSource, Is.EqualTo("lotus-core.fx_rates:USD/CHF@2024-03-05"));
    }

    [Test]
    public async Task PositionPages_EqualStream()
    {
        var pages = await PagingTests.AllPositionPagesAsync(_service, PositionRequest("2024-03-01", "2024-03-05", "2024-03-05", pageSize: 1));
        var writer = new ListStreamWriter<StreamPositionTimeseriesResponse>();
        await _service.StreamPositionTimeseries(Requests.Stream<StreamPositionTimeseriesRequest>(PositionRequest("2024-03-01", "2024-03-05", "2024-03-05", pageSize: 2)), writer, new TestCallContext());
        var rows = pages.SelectMany(p => p.Rows).ToList();
        Assert.That(rows.Select(r => (r.ValuationDate, r.SecurityId)), Is.EqualTo(new[]
        {
            ("2024-03-01", "AAPL"), ("2024-03-04", "AAPL"), ("2024-03-04", "SAP"), ("2024-03-05", "AAPL"), ("2024-03-05", "SAP"),
        }));
        Assert.That(writer.Messages.SelectMany(m => m.PositionTimeseries.Rows), Is.EqualTo(rows));
        var buy = rows[0].CashFlows.Single();
        Assert.That((buy.CashFlowType, buy.FlowScope, buy.Timing, D(buy.Amount)), Is.EqualTo(("internal_trade_flow", "internal", "bod", 1501.5m)));
    }

    [Test]
    public async Task AsOfBeforeBackDatedCorrection_ReturnsPreCorrectionAnswer()
    {
        await _p.BusinessDates("2024-03-06");
        await _p.Prices(Price("AAPL", "2024-03-06", "173"), Price("SAP", "2024-03-06", "186", "EUR"));
        await _p.Fx(Records.Fx("EUR", "USD", "2024-03-06", "1.10"), Records.Fx("USD", "CHF", "2024-03-06", "0.90"));
        await _p.DrainAsync();
        await _p.Transactions(Buy("B3", "P1", "AAPL", "2024-03-04", "2", "154"));
        await _p.DrainAsync();

        var before = (await _service.GetPositionTimeseries(PositionRequest("2024-03-01", "2024-03-05", "2024-03-05"), new TestCallContext())).PositionTimeseries;
        var after = (await _service.GetPositionTimeseries(PositionRequest("2024-03-01", "2024-03-05", "2024-03-06"), new TestCallContext())).PositionTimeseries;
        string Quantity(PositionTimeseries page) => page.Rows.Single(r => r.SecurityId == "AAPL" && r.ValuationDate == "2024-03-05").Quantity;
        Assert.That(D(Quantity(before)), Is.EqualTo(10m));
        Assert.That(D(Quantity(after)), Is.EqualTo(12m));
        Assert.That(after.Rows.Single(r => r.SecurityId == "AAPL" && r.ValuationDate == "2024-03-05").ValuationStatus, Is.EqualTo("restated"));
        Assert.That(long.Parse(after.Lineage.DataVersion, CultureInfo.InvariantCulture), Is.GreaterThan(long.Parse(before.Lineage.DataVersion, CultureInfo.InvariantCulture)));
    }

    [Test]
    public async Task ReferenceEnrichmentSnapshot_FromPipelineData()
    {
        var reference = (await _service.GetAnalyticsReference(new GetAnalyticsReferenceRequest { PortfolioId = "P1", AsOfDate = "2024-03-05" }, new TestCallContext())).Reference;
        Assert.That((reference.PortfolioCurrency, reference.PerformanceEndDate), Is.EqualTo(("USD", "2024-03-05")));
        var enrichment = (await _service.GetInstrumentEnrichment(new GetInstrumentEnrichmentRequest { SecurityIds = { "SAP", "X" } }, new TestCallContext())).Enrichment;
        Assert.That((enrichment.Records.Single().SecurityId, enrichment.UnknownSecurityIds.Single()), Is.EqualTo(("SAP", "X")));
        var snapshot = (await _service.GetCoreSnapshot(new GetCoreSnapshotRequest { PortfolioId = "P1", AsOfDate = "2024-03-05", Sections = { "portfolio_totals", "positions_baseline" } }, new TestCallContext())).Snapshot;
        var days = await _p.PortfolioDays("P1");
        Assert.That(D(snapshot.Sections.PortfolioTotals.TotalMarketValueBase), Is.EqualTo(days.Last().EodMarketValue));
        Assert.That(snapshot.Sections.PositionsBaseline.Select(p => p.SecurityId), Is.EqualTo(new[] { "AAPL", "SAP" }));
    }

    private static GetPortfolioTimeseriesRequest Request(string start, string end, string asOf, string reporting = "")
        => new() { PortfolioId = "P1", AsOfDate = asOf, Window = new DateWindow { StartDate = start, EndDate = end }, ReportingCurrency = reporting };

    private static GetPositionTimeseriesRequest PositionRequest(string start, string end, string asOf, string reporting = "", int pageSize = 0)
        => new() { PortfolioId = "P1", AsOfDate = asOf, Window = new DateWindow { StartDate = start, EndDate = end }, ReportingCurrency = reporting, Page = new PageRequest { PageSize = pageSize } };
}

/// <summary>Paging determinism over a multi-year window of pipeline data: pages = stream = a direct SQL query.</summary>
[TestFixture]
public sealed class PipelineMultiYearPagingTests
{
    [Test]
    public async Task TwoYears_PagesEqualStreamEqualDirectQuery()
    {
        await using var p = await Pipeline.CreateAsync();
        var service = new AnalyticsInputService(new PostgresAnalyticsStore(p.DataSource), new ExportJobStore(p.DataSource), AnalyticsOptions.WithRandomKey(), TimeProvider.System);
        var dates = Samples.Weekdays(new DateOnly(2023, 1, 2), new DateOnly(2024, 12, 31)).Select(Decimals.Date).ToArray();
        await p.Portfolios(Records.Portfolio("P1"));
        await p.Instruments(Instrument("AAPL"), Instrument("MSFT"), Instrument("SAP", currency: "EUR"));
        await p.BusinessDates(dates);
        await p.Fx(dates.Select((d, i) => Records.Fx("EUR", "USD", d, (1.05m + (i % 9) / 100m).ToString(CultureInfo.InvariantCulture))).ToArray());
        await p.Prices(dates.SelectMany((d, i) => new[]
        {
            Price("AAPL", d, (150 + (i % 40)).ToString(CultureInfo.InvariantCulture)),
            Price("MSFT", d, (300 + (i % 25)).ToString(CultureInfo.InvariantCulture)),
            Price("SAP", d, (180 + (i % 30)).ToString(CultureInfo.InvariantCulture), "EUR"),
        }).ToArray());
        await p.Transactions(
            Buy("B1", "P1", "AAPL", "2023-01-02", "10", "150"),
            Buy("B2", "P1", "MSFT", "2023-06-01", "3", "310"),
            Buy("B3", "P1", "SAP", "2024-02-01", "5", "181", currency: "EUR"),
            Sell("S1", "P1", "AAPL", "2024-05-02", "4", "170"));
        await p.DrainAsync();

        var request = new GetPositionTimeseriesRequest { PortfolioId = "P1", AsOfDate = "2024-12-31", Window = new DateWindow { StartDate = "2023-01-01", EndDate = "2024-12-31" }, Page = new PageRequest { PageSize = 97 } };
        var pages = await PagingTests.AllPositionPagesAsync(service, request);
        var writer = new ListStreamWriter<StreamPositionTimeseriesResponse>();
        await service.StreamPositionTimeseries(Requests.Stream<StreamPositionTimeseriesRequest>(request), writer, new TestCallContext());

        var direct = new List<(string, string, decimal?)>();
        await using (var command = p.DataSource.CreateCommand("SELECT valuation_date, security_id, eod_market_value FROM calc_position_timeseries WHERE portfolio_id = 'P1' AND valid_to IS NULL ORDER BY valuation_date, security_id"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                direct.Add((Decimals.Date(reader.GetFieldValue<DateOnly>(0)), reader.GetString(1), reader.IsDBNull(2) ? null : Math.Round(reader.GetDecimal(2), 10)));
            }
        }

        var paged = pages.SelectMany(x => x.Rows).ToList();
        Assert.That(direct, Has.Count.GreaterThan(1000));
        Assert.That(paged.Select(r => (r.ValuationDate, r.SecurityId, r.EndingMarketValuePositionCurrency.Length == 0 ? (decimal?)null : decimal.Parse(r.EndingMarketValuePositionCurrency, CultureInfo.InvariantCulture))), Is.EqualTo(direct));
        Assert.That(writer.Messages.SelectMany(m => m.PositionTimeseries.Rows), Is.EqualTo(paged));
        Assert.That(pages[0].Diagnostics.CardinalityEstimate, Is.EqualTo(direct.Count));

        var portfolioRequest = new GetPortfolioTimeseriesRequest { PortfolioId = "P1", AsOfDate = "2024-12-31", Window = new DateWindow { StartDate = "2023-01-01", EndDate = "2024-12-31" }, Page = new PageRequest { PageSize = 50 } };
        var observations = new List<PortfolioObservation>();
        while (true)
        {
            var page = (await service.GetPortfolioTimeseries(portfolioRequest, new TestCallContext())).PortfolioTimeseries;
            observations.AddRange(page.Observations);
            if (page.Page.NextPageToken.Length == 0)
            {
                break;
            }

            portfolioRequest.Page.PageToken = page.Page.NextPageToken;
        }

        portfolioRequest.Page.PageToken = string.Empty;
        var portfolioWriter = new ListStreamWriter<StreamPortfolioTimeseriesResponse>();
        await service.StreamPortfolioTimeseries(Requests.Stream<StreamPortfolioTimeseriesRequest>(portfolioRequest), portfolioWriter, new TestCallContext());
        Assert.That(portfolioWriter.Messages.SelectMany(m => m.PortfolioTimeseries.Observations), Is.EqualTo(observations));
        Assert.That(observations.Select(o => o.ValuationDate), Is.EqualTo(dates));
    }
}
