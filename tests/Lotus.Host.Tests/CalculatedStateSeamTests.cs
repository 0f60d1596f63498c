using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Services.Query;
using Lotus.Host.Tests.Support;
using QueryService = Lotus.Host.Services.Query.QueryService;

namespace Lotus.Host.Tests;

/// <summary>The service's side of the calculated-state seams: arguments passed, cursors signed and returned.</summary>
[TestFixture]
public sealed class CalculatedStateSeamTests : ServiceTestBase
{
    /// <summary>Positions S0..S4 of any portfolio, keyset on security_id.</summary>
    private sealed class FivePositions : IPositionReader
    {
        public List<(CalculatedPageRequest Page, DateOnly? AsOf)> Calls { get; } = [];

        public string SortKey => "security_id:asc";

        public int CursorLength => 1;

        public Task<PositionPage> ReadPositionsAsync(CalculatedPageRequest page, DateOnly? asOfDate, CancellationToken cancellationToken)
        {
            Calls.Add((page, asOfDate));
            var all = Enumerable.Range(0, 5).Select(i => $"S{i}").ToList();
            var rows = all.Where(s => page.After is null || string.CompareOrdinal(s, page.After[0]) > 0).Take(page.Limit).ToList();
            var more = rows.Count > 0 && rows[^1] != all[^1];
            return Task.FromResult(new PositionPage("2024-03-01", "USD", rows.Select(s => new Position { SecurityId = s, Quantity = "1.0000000000" }).ToList(), more ? [rows[^1]] : null));
        }
    }

    [Test]
    public async Task ListPositions_PassesArgumentsAndPagesWithSignedCursors()
    {
        await Ingestion.IngestPortfolios(new IngestPortfoliosRequest { Portfolios = { Samples.Portfolio() } }, new TestCallContext());
        var reader = new FivePositions();
        var query = new QueryService(Db.DataSource, Tokens, positions: reader);

        var first = await query.ListPositions(new ListPositionsRequest { PortfolioId = "P1", AsOfDate = "2024-03-01", Page = new PageRequest { PageSize = 3 } }, new TestCallContext());
        var second = await query.ListPositions(new ListPositionsRequest { PortfolioId = "P1", AsOfDate = "2024-03-01", Page = new PageRequest { PageSize = 3, PageToken = first.Page.NextPageToken } }, new TestCallContext());

        Assert.That(first.Positions.Select(p => p.SecurityId), Is.EqualTo(new[] { "S0", "S1", "S2" }));
        Assert.That(second.Positions.Select(p => p.SecurityId), Is.EqualTo(new[] { "S3", "S4" }));
        Assert.That(second.Page.NextPageToken, Is.Empty);
        Assert.That(first.PortfolioCurrency, Is.EqualTo("USD"));
        Assert.That(reader.Calls[1].Page.After, Is.EqualTo(new[] { "S2" }));
        Assert.That(reader.Calls[0].AsOf, Is.EqualTo(new DateOnly(2024, 3, 1)));
    }

    [Test]
    public async Task PageTokenOfAnotherServerKey_IsRejected()
    {
        await Ingestion.IngestPortfolios(new IngestPortfoliosRequest { Portfolios = { Samples.Portfolio("P1"), Samples.Portfolio("P2") } }, new TestCallContext());
        var other = new QueryService(Db.DataSource, new PageTokenCodec(new byte[32]));
        var token = (await other.ListPortfolios(new ListPortfoliosRequest { Page = new PageRequest { PageSize = 1 } }, new TestCallContext())).Page.NextPageToken;

        var error = await ThrowsRpcAsync(StatusCode.InvalidArgument,
            () => Query.ListPortfolios(new ListPortfoliosRequest { Page = new PageRequest { PageSize = 1, PageToken = token } }, new TestCallContext()));

        Assert.That(Reason(error), Is.EqualTo("INVALID_PAGE_TOKEN"));
    }
}
