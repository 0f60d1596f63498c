using Lotus.Client.Tests.Fakes;
using Lotus.Core.V1;
using Lotus.Grpc;

namespace Lotus.Client.Tests;

[TestFixture]
public sealed class TimeseriesReaderTests
{
    private static readonly DateOnly Start = new(2026, 1, 5);
    private static readonly DateOnly End = new(2026, 1, 10);

    [Test]
    public async Task Pages_FollowEveryNextPageToken_YieldEveryObservationInOrder()
    {
        var invoker = new FakeCallInvoker();
        foreach (var page in Pages.PortfolioPages(3, 2, Start))
        {
            invoker.Reply(AnalyticsInputService.GetPortfolioTimeseriesMethod, new GetPortfolioTimeseriesResponse { PortfolioTimeseries = page });
        }

        var client = new LotusAnalyticsClient(invoker);
        var rows = await ToListAsync(client.ReadPortfolioTimeseriesAsync("P1", Start, End, new TimeseriesReadOptions { UseStream = false, PageSize = 2, ReportingCurrency = "EUR" }));

        Assert.That(rows.Select(r => r.ValuationDate), Is.EqualTo(Enumerable.Range(0, 6).Select(i => DateString.Format(Start.AddDays(i)))));
        var requests = invoker.Requests<GetPortfolioTimeseriesRequest>(AnalyticsInputService.GetPortfolioTimeseriesMethod).ToList();
        Assert.That(requests.Select(r => r.Page.PageToken), Is.EqualTo(new[] { "", "t1", "t2" }));
        Assert.That(requests.Select(r => r.Window.StartDate).Distinct(), Is.EqualTo(new[] { "2026-01-05" }));
        Assert.That(requests.Select(r => r.Window.EndDate).Distinct(), Is.EqualTo(new[] { "2026-01-10" }));
        Assert.That(requests.All(r => r.Page.PageSize == 2 && r.ReportingCurrency == "EUR" && r.Frequency == "daily"), Is.True);
        Assert.That(invoker.CallCount(AnalyticsInputService.StreamPortfolioTimeseriesMethod), Is.Zero);
    }

    [Test]
    public async Task Stream_YieldsTheSameObservationsAsPages()
    {
        var pages = Pages.PortfolioPages(3, 2, Start);
        var invoker = new FakeCallInvoker()
            .Stream(AnalyticsInputService.StreamPortfolioTimeseriesMethod, pages.Select(p => new StreamPortfolioTimeseriesResponse { PortfolioTimeseries = p }));
        foreach (var page in pages)
        {
            invoker.Reply(AnalyticsInputService.GetPortfolioTimeseriesMethod, new GetPortfolioTimeseriesResponse { PortfolioTimeseries = page });
        }

        var client = new LotusAnalyticsClient(invoker);
        var streamed = await ToListAsync(client.ReadPortfolioTimeseriesAsync("P1", Start, End));
        var paged = await ToListAsync(client.ReadPortfolioTimeseriesAsync("P1", Start, End, new TimeseriesReadOptions { UseStream = false }));

        Assert.That(streamed, Has.Count.EqualTo(6));
        Assert.That(streamed, Is.EqualTo(paged));
        Assert.That(invoker.CallCount(AnalyticsInputService.StreamPortfolioTimeseriesMethod), Is.EqualTo(1));
        Assert.That(invoker.CallCount(AnalyticsInputService.GetPortfolioTimeseriesMethod), Is.EqualTo(3));
    }

    [Test]
    public async Task Stream_UnavailableAfterAPage_ResumesFromThatPagesToken()
    {
        var pages = Pages.PortfolioPages(3, 2, Start);
        var invoker = new FakeCallInvoker()
            .Stream(AnalyticsInputService.StreamPortfolioTimeseriesMethod, [new StreamPortfolioTimeseriesResponse { PortfolioTimeseries = pages[0] }], StatusCode.Unavailable)
            .Stream(AnalyticsInputService.StreamPortfolioTimeseriesMethod, pages.Skip(1).Select(p => new StreamPortfolioTimeseriesResponse { PortfolioTimeseries = p }));
        var delays = new RecordedDelays();

        var client = new LotusAnalyticsClient(invoker, delays.Options());
        var rows = await ToListAsync(client.ReadPortfolioTimeseriesAsync("P1", Start, End));

        Assert.That(rows.Select(r => r.ValuationDate).Distinct().Count(), Is.EqualTo(6));
        Assert.That(rows, Has.Count.EqualTo(6));
        var tokens = invoker.Requests<StreamPortfolioTimeseriesRequest>(AnalyticsInputService.StreamPortfolioTimeseriesMethod).Select(r => r.Page.PageToken);
        Assert.That(tokens, Is.EqualTo(new[] { "", "t1" }));
        Assert.That(delays.Waits, Has.Count.EqualTo(1));
    }

    [Test]
    public void Stream_InvalidArgumentMidStream_IsNotRetried()
    {
        var pages = Pages.PortfolioPages(2, 1, Start);
        var invoker = new FakeCallInvoker()
            .Stream(AnalyticsInputService.StreamPortfolioTimeseriesMethod, [new StreamPortfolioTimeseriesResponse { PortfolioTimeseries = pages[0] }], StatusCode.InvalidArgument);

        var client = new LotusAnalyticsClient(invoker);
        var e = Assert.ThrowsAsync<LotusClientException>(() => ToListAsync(client.ReadPortfolioTimeseriesAsync("P1", Start, End)));

        Assert.That(e!.StatusCode, Is.EqualTo(StatusCode.InvalidArgument));
        Assert.That(e.ErrorClass, Is.EqualTo(LotusErrorClass.InvalidRequest));
        Assert.That(invoker.CallCount(AnalyticsInputService.StreamPortfolioTimeseriesMethod), Is.EqualTo(1));
    }

    [Test]
    public void Pages_RepeatedToken_ThrowsContractViolation()
    {
        var looping = Pages.Portfolio(0, 1, last: false, Start);
        var invoker = new FakeCallInvoker()
            .Reply(AnalyticsInputService.GetPortfolioTimeseriesMethod, new GetPortfolioTimeseriesResponse { PortfolioTimeseries = looping })
            .Reply(AnalyticsInputService.GetPortfolioTimeseriesMethod, new GetPortfolioTimeseriesResponse { PortfolioTimeseries = looping });

        var client = new LotusAnalyticsClient(invoker);
        var e = Assert.ThrowsAsync<LotusClientException>(() => ToListAsync(client.ReadPortfolioTimeseriesAsync("P1", Start, End, new TimeseriesReadOptions { UseStream = false })));

        Assert.That(e!.ErrorClass, Is.EqualTo(LotusErrorClass.ContractViolationUpstream));
        Assert.That(invoker.CallCount(AnalyticsInputService.GetPortfolioTimeseriesMethod), Is.EqualTo(2));
    }

    [Test]
    public void Pages_ResponseWithoutPage_ThrowsContractViolation()
    {
        var invoker = new FakeCallInvoker().Reply(AnalyticsInputService.GetPortfolioTimeseriesMethod, new GetPortfolioTimeseriesResponse());

        var client = new LotusAnalyticsClient(invoker);
        var e = Assert.ThrowsAsync<LotusClientException>(() => ToListAsync(client.ReadPortfolioTimeseriesAsync("P1", Start, End, new TimeseriesReadOptions { UseStream = false })));

        Assert.That(e!.ErrorClass, Is.EqualTo(LotusErrorClass.ContractViolationUpstream));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task PositionReader_SendsDimensionsAndFilters_YieldsEveryRow(bool useStream)
    {
        var pages = new[] { Pages.Position(0, false, "S1", "S2"), Pages.Position(1, true, "S1") };
        var invoker = new FakeCallInvoker()
            .Stream(AnalyticsInputService.StreamPositionTimeseriesMethod, pages.Select(p => new StreamPositionTimeseriesResponse { PositionTimeseries = p }));
        foreach (var page in pages)
        {
            invoker.Reply(AnalyticsInputService.GetPositionTimeseriesMethod, new GetPositionTimeseriesResponse { PositionTimeseries = page });
        }

        var options = new PositionTimeseriesReadOptions
        {
            UseStream = useStream,
            Dimensions = ["asset_class"],
            IncludeCashFlows = true,
            Filters = new PositionFilters { SecurityIds = { "S1", "S2" } },
        };
        var client = new LotusAnalyticsClient(invoker);
        var rows = await ToListAsync(client.ReadPositionTimeseriesAsync("P1", Start, End, options));

        Assert.That(rows.Select(r => r.PositionId), Is.EqualTo(new[] { "P1:S1", "P1:S2", "P1:S1" }));
        Assert.That(rows.Select(r => r.ToValue().EndingMarketValuePortfolioCurrency).Sum(), Is.EqualTo(303.75m));
        var request = invoker.Calls.First().Request;
        var (dimensions, include, filters) = request switch
        {
            GetPositionTimeseriesRequest g => (g.Dimensions.ToList(), g.HasIncludeCashFlows && g.IncludeCashFlows, g.Filters),
            StreamPositionTimeseriesRequest s => (s.Dimensions.ToList(), s.HasIncludeCashFlows && s.IncludeCashFlows, s.Filters),
            _ => throw new AssertionException("unexpected request " + request.GetType()),
        };
        Assert.That(dimensions, Is.EqualTo(new[] { "asset_class" }));
        Assert.That(include, Is.True);
        Assert.That(filters.SecurityIds, Is.EqualTo(new[] { "S1", "S2" }));
    }

    [Test]
    public async Task EveryCall_CarriesADeadlineAndTheCallersToken()
    {
        using var cts = new CancellationTokenSource();
        var invoker = new FakeCallInvoker();
        foreach (var page in Pages.PortfolioPages(2, 1, Start))
        {
            invoker.Reply(AnalyticsInputService.GetPortfolioTimeseriesMethod, new GetPortfolioTimeseriesResponse { PortfolioTimeseries = page });
        }

        var deadline = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var client = new LotusAnalyticsClient(invoker, new LotusClientOptions { Headers = [new("x-correlation-id", "c-1")] });
        await ToListAsync(client.ReadPortfolioTimeseriesAsync("P1", Start, End, new TimeseriesReadOptions { UseStream = false, Deadline = deadline }, cts.Token));

        Assert.That(invoker.Calls.Select(c => c.Options.Deadline), Is.All.EqualTo(deadline));
        Assert.That(invoker.Calls.Select(c => c.Options.CancellationToken), Is.All.EqualTo(cts.Token));
        Assert.That(invoker.Calls.Select(c => c.Options.Headers!.GetValue("x-correlation-id")), Is.All.EqualTo("c-1"));
    }

    [Test]
    public async Task NoDeadlineGiven_DefaultTimeoutSetsOne()
    {
        var invoker = new FakeCallInvoker().Reply(AnalyticsInputService.GetAnalyticsReferenceMethod, new GetAnalyticsReferenceResponse());
        var now = new DateTime(2026, 1, 5, 12, 0, 0, DateTimeKind.Utc);

        var client = new LotusAnalyticsClient(invoker, new LotusClientOptions { DefaultTimeout = TimeSpan.FromSeconds(7), UtcNow = () => now });
        await client.GetAnalyticsReferenceAsync(new GetAnalyticsReferenceRequest { PortfolioId = "P1" });

        Assert.That(invoker.Calls.Single().Options.Deadline, Is.EqualTo(now.AddSeconds(7)));
    }

    [Test]
    public void CancelledToken_StopsTheStream()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var invoker = new FakeCallInvoker()
            .Stream(AnalyticsInputService.StreamPortfolioTimeseriesMethod, Pages.PortfolioPages(1, 1, Start).Select(p => new StreamPortfolioTimeseriesResponse { PortfolioTimeseries = p }));

        var client = new LotusAnalyticsClient(invoker);

        Assert.That(() => ToListAsync(client.ReadPortfolioTimeseriesAsync("P1", Start, End, cancellationToken: cts.Token)), Throws.InstanceOf<OperationCanceledException>());
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (var item in source)
        {
            list.Add(item);
        }

        return list;
    }
}
