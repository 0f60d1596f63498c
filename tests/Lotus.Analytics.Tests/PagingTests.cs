using Lotus.Analytics.Tests.Support;
using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Analytics;

using AnalyticsInputService = Lotus.Host.Services.Analytics.AnalyticsInputService;

namespace Lotus.Analytics.Tests;

/// <summary>Paging determinism: pages concatenated = stream = a direct query, over a multi-year window.</summary>
[TestFixture]
public sealed class PagingTests
{
    [TestCase(37)]
    [TestCase(500)]
    public async Task PositionPages_EqualStream_EqualDirectQuery(int pageSize)
    {
        var (service, store, _, _) = Samples.Create();
        var pages = await AllPositionPagesAsync(service, Requests.Position("2022-01-01", "2024-12-31", pageSize: pageSize));
        var paged = pages.SelectMany(p => p.Rows).ToList();

        var writer = new ListStreamWriter<StreamPositionTimeseriesResponse>();
        await service.StreamPositionTimeseries(Requests.Stream<StreamPositionTimeseriesRequest>(Requests.Position("2022-01-01", "2024-12-31", pageSize: pageSize)), writer, new TestCallContext());
        var streamed = writer.Messages.SelectMany(m => m.PositionTimeseries.Rows).ToList();

        var direct = store.Visible(Samples.Portfolio, 1).Select(r => (Decimals.Date(r.ValuationDate), r.SecurityId)).ToList();
        Assert.That(paged.Select(r => (r.ValuationDate, r.SecurityId)), Is.EqualTo(direct));
        Assert.That(streamed, Is.EqualTo(paged));
        Assert.That(writer.Messages, Has.Count.EqualTo(pages.Count));
        Assert.That(writer.Messages.Select(m => m.PositionTimeseries.Page.ReturnedRowCount), Is.EqualTo(pages.Select(p => p.Page.ReturnedRowCount)));
        Assert.That(pages[0].Diagnostics.CardinalityEstimate, Is.EqualTo(direct.Count));
        Assert.That(pages[^1].Page.NextPageToken, Is.Empty);
        Assert.That(pages.SkipLast(1).All(p => p.Page.NextPageToken.Length > 0 && p.Rows.Count == pageSize), Is.True);
    }

    [Test]
    public async Task PortfolioPages_EqualStream_EqualDirectQuery()
    {
        var (service, store, _, _) = Samples.Create();
        var pages = new List<PortfolioTimeseries>();
        var token = string.Empty;
        do
        {
            var page = (await service.GetPortfolioTimeseries(Requests.Portfolio("2022-01-01", "2024-12-31", pageSize: 100, token: token), new TestCallContext())).PortfolioTimeseries;
            pages.Add(page);
            token = page.Page.NextPageToken;
        }
        while (token.Length > 0);

        var writer = new ListStreamWriter<StreamPortfolioTimeseriesResponse>();
        await service.StreamPortfolioTimeseries(Requests.Stream<StreamPortfolioTimeseriesRequest>(Requests.Portfolio("2022-01-01", "2024-12-31", pageSize: 100)), writer, new TestCallContext());

        var paged = pages.SelectMany(p => p.Observations).ToList();
        var direct = store.PortfolioDays(Samples.Portfolio, 1).Select(d => (Decimals.Date(d.ValuationDate), Decimals.Format(d.EodMarketValue))).ToList();
        Assert.That(paged.Select(o => (o.ValuationDate, o.EndingMarketValue)), Is.EqualTo(direct));
        Assert.That(writer.Messages.SelectMany(m => m.PortfolioTimeseries.Observations), Is.EqualTo(paged));
        Assert.That(pages.Select(p => p.Page.SortKey).Distinct(), Is.EqualTo(new[] { "valuation_date:asc,portfolio_id:asc" }));
    }

    [Test]
    public async Task PageSizeAboveMax_CappedAt5000()
    {
        var (service, _, _, _) = Samples.Create();
        var page = (await service.GetPositionTimeseries(Requests.Position("2022-01-01", "2024-12-31", pageSize: 100_000), new TestCallContext())).PositionTimeseries;
        Assert.That(page.Page.PageSize, Is.EqualTo(5000));
        Assert.That(page.Rows, Has.Count.EqualTo(3 * 782));
        Assert.That(page.Page.NextPageToken, Is.Empty);
    }

    [Test]
    public async Task PageSizeZero_Defaults500()
    {
        var (service, _, _, _) = Samples.Create();
        var page = (await service.GetPortfolioTimeseries(Requests.Portfolio("2022-01-01", "2024-12-31"), new TestCallContext())).PortfolioTimeseries;
        Assert.That(page.Observations, Has.Count.EqualTo(500));
        Assert.That(page.Page.NextPageToken, Is.Not.Empty);
    }

    [Test]
    public async Task NewVersionMidTraversal_TokenKeepsPinnedVersion()
    {
        var (service, store, _, _) = Samples.Create();
        var request = Requests.Position("2022-01-01", "2024-12-31", pageSize: 1000);
        var first = (await service.GetPositionTimeseries(request, new TestCallContext())).PositionTimeseries;

        // A back-dated correction restates every row from 2022-06-01 at version 2.
        store.Commit(Samples.Portfolio, Samples.Last, Samples.Rows(new DateOnly(2022, 6, 1), Samples.Last, bump: 7m));
        var rest = await AllPositionPagesAsync(service, Requests.Position("2022-01-01", "2024-12-31", pageSize: 1000, token: first.Page.NextPageToken));
        var pinned = first.Rows.Concat(rest.SelectMany(p => p.Rows)).ToList();

        var (original, _, _, _) = Samples.Create();
        var expected = (await AllPositionPagesAsync(original, Requests.Position("2022-01-01", "2024-12-31", pageSize: 1000))).SelectMany(p => p.Rows).ToList();
        Assert.That(pinned, Is.EqualTo(expected));
        Assert.That(rest.All(p => p.Page.SnapshotEpoch == 1), Is.True);

        var fresh = (await service.GetPositionTimeseries(request, new TestCallContext())).PositionTimeseries;
        Assert.That(fresh.Page.SnapshotEpoch, Is.EqualTo(2));
        Assert.That(fresh.Lineage.DataVersion, Is.EqualTo("2"));
    }

    [Test]
    public async Task AsOfBeforeBackDatedCorrection_ReturnsPreCorrectionAnswer()
    {
        var store = new InMemoryAnalyticsStore();
        Samples.Seed(store, last: new DateOnly(2023, 3, 31));
        var (service, _, _, _) = Samples.Create(store);
        // Known on 2023-04-05: a correction of March 2023, back-dated.
        var march = store.Visible(Samples.Portfolio, 1).Where(r => r.ValuationDate >= new DateOnly(2023, 3, 1)).ToList();
        store.Commit(Samples.Portfolio, new DateOnly(2023, 4, 5), march.Select(r => r with { EodMarketValueLocal = r.EodMarketValueLocal + 100m }));

        var before = (await service.GetPositionTimeseries(Requests.Position("2023-03-01", "2023-03-31", asOf: "2023-04-03", pageSize: 5000), new TestCallContext())).PositionTimeseries;
        var after = (await service.GetPositionTimeseries(Requests.Position("2023-03-01", "2023-03-31", asOf: "2023-04-05", pageSize: 5000), new TestCallContext())).PositionTimeseries;

        var aaplBefore = before.Rows.First(r => r.SecurityId == "AAPL" && r.ValuationDate == "2023-03-15");
        var aaplAfter = after.Rows.First(r => r.SecurityId == "AAPL" && r.ValuationDate == "2023-03-15");
        Assert.That(decimal.Parse(aaplAfter.EndingMarketValuePositionCurrency, System.Globalization.CultureInfo.InvariantCulture)
            - decimal.Parse(aaplBefore.EndingMarketValuePositionCurrency, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(100m));
        Assert.That(aaplBefore.ValuationStatus, Is.EqualTo("final"));
        Assert.That(aaplAfter.ValuationStatus, Is.EqualTo("restated"));
        Assert.That(before.Lineage.DataVersion, Is.EqualTo("1"));
        Assert.That(after.Diagnostics.QualityStatusDistribution["restated"], Is.GreaterThan(0));
    }

    [Test]
    public async Task TokenOfOtherRequest_RequestMismatch()
    {
        var (service, _, _, _) = Samples.Create();
        var page = (await service.GetPositionTimeseries(Requests.Position("2022-01-01", "2022-12-31", pageSize: 10), new TestCallContext())).PositionTimeseries;
        var ex = Assert.ThrowsAsync<RpcException>(() => service.GetPositionTimeseries(Requests.Position("2022-01-01", "2022-06-30", pageSize: 10, token: page.Page.NextPageToken), new TestCallContext()));
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(Requests.Info(ex).Metadata[PageTokenErrors.MetadataKey], Is.EqualTo(PageTokenErrors.RequestMismatch));

        // A position token on the portfolio family is another request too.
        var cross = Assert.ThrowsAsync<RpcException>(() => service.GetPortfolioTimeseries(Requests.Portfolio("2022-01-01", "2022-12-31", pageSize: 10, token: page.Page.NextPageToken), new TestCallContext()));
        Assert.That(Requests.Info(cross!).Reason, Is.EqualTo("INVALID_REQUEST"));
    }

    [Test]
    public async Task DifferentPageSize_SameTokenAccepted()
    {
        var (service, _, _, _) = Samples.Create();
        var page = (await service.GetPositionTimeseries(Requests.Position("2022-01-01", "2022-12-31", pageSize: 10), new TestCallContext())).PositionTimeseries;
        var next = (await service.GetPositionTimeseries(Requests.Position("2022-01-01", "2022-12-31", pageSize: 20, token: page.Page.NextPageToken), new TestCallContext())).PositionTimeseries;
        Assert.That(next.Rows, Has.Count.EqualTo(20));
        Assert.That(next.Rows[0].ValuationDate, Is.EqualTo("2022-01-06"));
    }

    [Test]
    public async Task TamperedToken_BadSignature()
    {
        var (service, _, _, _) = Samples.Create();
        var page = (await service.GetPositionTimeseries(Requests.Position("2022-01-01", "2022-12-31", pageSize: 10), new TestCallContext())).PositionTimeseries;
        var chars = page.Page.NextPageToken.ToCharArray();
        chars[20] = chars[20] == 'A' ? 'B' : 'A';
        var ex = Assert.ThrowsAsync<RpcException>(() => service.GetPositionTimeseries(Requests.Position("2022-01-01", "2022-12-31", pageSize: 10, token: new string(chars)), new TestCallContext()));
        Assert.That(ex!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(Requests.Info(ex).Metadata[PageTokenErrors.MetadataKey], Is.AnyOf(PageTokenErrors.BadSignature, PageTokenErrors.Malformed, PageTokenErrors.UnknownKey));
    }

    [Test]
    public async Task ExpiredToken_Expired()
    {
        var (service, _, time, options) = Samples.Create();
        var page = (await service.GetPortfolioTimeseries(Requests.Portfolio("2022-01-01", "2022-12-31", pageSize: 10), new TestCallContext())).PortfolioTimeseries;
        time.Now += options.PageTokenLifetime + TimeSpan.FromMinutes(1);
        var ex = Assert.ThrowsAsync<RpcException>(() => service.GetPortfolioTimeseries(Requests.Portfolio("2022-01-01", "2022-12-31", pageSize: 10, token: page.Page.NextPageToken), new TestCallContext()));
        Assert.That(Requests.Info(ex!).Metadata[PageTokenErrors.MetadataKey], Is.EqualTo(PageTokenErrors.Expired));
    }

    [Test]
    public async Task UnaryToken_ResumesStream()
    {
        var (service, _, _, _) = Samples.Create();
        var first = (await service.GetPositionTimeseries(Requests.Position("2022-01-01", "2022-03-31", pageSize: 25), new TestCallContext())).PositionTimeseries;
        var writer = new ListStreamWriter<StreamPositionTimeseriesResponse>();
        await service.StreamPositionTimeseries(Requests.Stream<StreamPositionTimeseriesRequest>(Requests.Position("2022-01-01", "2022-03-31", pageSize: 25, token: first.Page.NextPageToken)), writer, new TestCallContext());
        var all = await AllPositionPagesAsync(service, Requests.Position("2022-01-01", "2022-03-31", pageSize: 25));
        Assert.That(first.Rows.Concat(writer.Messages.SelectMany(m => m.PositionTimeseries.Rows)), Is.EqualTo(all.SelectMany(p => p.Rows)));
    }

    internal static async Task<List<PositionTimeseries>> AllPositionPagesAsync(AnalyticsInputService service, GetPositionTimeseriesRequest request)
    {
        var pages = new List<PositionTimeseries>();
        while (true)
        {
            var page = (await service.GetPositionTimeseries(request, new TestCallContext())).PositionTimeseries;
            pages.Add(page);
            if (page.Page.NextPageToken.Length == 0)
            {
                return pages;
            }

            request = request.Clone();
            request.Page.PageToken = page.Page.NextPageToken;
        }
    }
}
