using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Tests.Support;

namespace Lotus.Host.Tests;

[TestFixture]
public sealed class QueryServiceTests : ServiceTestBase
{
    private async Task SeedPortfoliosAsync(int count)
    {
        var request = new IngestPortfoliosRequest();
        // Inserted in reverse so that read order cannot come from insertion order.
        request.Portfolios.AddRange(Enumerable.Range(0, count).Reverse().Select(i => Samples.Portfolio($"P{i:D3}", i % 2 == 0 ? "EVEN" : "ODD")));
        await Ingestion.IngestPortfolios(request, new TestCallContext());
    }

    private static async Task<List<T>> ReadAllAsync<T>(Func<string, Task<(IEnumerable<T> Rows, PageInfo Page)>> page)
    {
        var rows = new List<T>();
        var token = string.Empty;
        for (var pages = 0; pages < 100; pages++)
        {
            var (batch, info) = await page(token);
            rows.AddRange(batch);
            if (info.NextPageToken.Length == 0)
            {
                return rows;
            }

            token = info.NextPageToken;
        }

        throw new AssertionException("paging did not end");
    }

    [Test]
    public async Task ListPortfolios_PagesAreDeterministicCompleteAndOrdered()
    {
        await SeedPortfoliosAsync(25);

        var first = await Query.ListPortfolios(new ListPortfoliosRequest { Page = new PageRequest { PageSize = 10 } }, new TestCallContext());
        var all = await ReadAllAsync(async token =>
        {
            var r = await Query.ListPortfolios(new ListPortfoliosRequest { Page = new PageRequest { PageSize = 10, PageToken = token } }, new TestCallContext());
            return (r.Portfolios.Select(p => p.PortfolioId), r.Page);
        });
        var again = await Query.ListPortfolios(new ListPortfoliosRequest { Page = new PageRequest { PageSize = 10 } }, new TestCallContext());

        Assert.That(all, Is.EqualTo(Enumerable.Range(0, 25).Select(i => $"P{i:D3}")));
        Assert.That(first.Page.ReturnedRowCount, Is.EqualTo(10));
        Assert.That(first.Page.SortKey, Is.EqualTo("portfolio_id:asc"));
        Assert.That(again.Page.NextPageToken, Is.EqualTo(first.Page.NextPageToken));
    }

    [Test]
    public async Task ListPortfolios_FiltersByClientAndIds()
    {
        await SeedPortfoliosAsync(10);

        var odd = await Query.ListPortfolios(new ListPortfoliosRequest { ClientId = "ODD" }, new TestCallContext());
        var byIds = await Query.ListPortfolios(new ListPortfoliosRequest { PortfolioIds = { "P007", "P002", "NOPE" } }, new TestCallContext());

        Assert.That(odd.Portfolios.Select(p => p.PortfolioId), Is.EqualTo(new[] { "P001", "P003", "P005", "P007", "P009" }));
        Assert.That(byIds.Portfolios.Select(p => p.PortfolioId), Is.EqualTo(new[] { "P002", "P007" }));
        Assert.That(odd.Page.NextPageToken, Is.Empty);
    }

    [Test]
    public async Task PageToken_WithOtherFiltersOrTampered_IsInvalidArgument()
    {
        await SeedPortfoliosAsync(5);
        var first = await Query.ListPortfolios(new ListPortfoliosRequest { Page = new PageRequest { PageSize = 2 } }, new TestCallContext());
        var token = first.Page.NextPageToken;
        var tampered = (token[^1] == 'A' ? token[..^1] + "B" : token[..^1] + "A");

        var otherFilter = await ThrowsRpcAsync(StatusCode.InvalidArgument,
            () => Query.ListPortfolios(new ListPortfoliosRequest { ClientId = "ODD", Page = new PageRequest { PageSize = 2, PageToken = token } }, new TestCallContext()));
        var bad = await ThrowsRpcAsync(StatusCode.InvalidArgument,
            () => Query.ListPortfolios(new ListPortfoliosRequest { Page = new PageRequest { PageSize = 2, PageToken = tampered } }, new TestCallContext()));
        var otherRpc = await ThrowsRpcAsync(StatusCode.InvalidArgument,
            () => Query.ListInstruments(new ListInstrumentsRequest { Page = new PageRequest { PageToken = token } }, new TestCallContext()));

        Assert.That(Reason(otherFilter), Is.EqualTo("INVALID_PAGE_TOKEN"));
        Assert.That(Reason(bad), Is.EqualTo("INVALID_PAGE_TOKEN"));
        Assert.That(Reason(otherRpc), Is.EqualTo("INVALID_PAGE_TOKEN"));
    }

    [Test]
    public async Task PageSize_DefaultsTo100CapsAt1000AndRefusesNegative()
    {
        await SeedPortfoliosAsync(120);

        var byDefault = await Query.ListPortfolios(new ListPortfoliosRequest(), new TestCallContext());
        var capped = await Query.ListPortfolios(new ListPortfoliosRequest { Page = new PageRequest { PageSize = 5000 } }, new TestCallContext());
        var negative = await ThrowsRpcAsync(StatusCode.InvalidArgument,
            () => Query.ListPortfolios(new ListPortfoliosRequest { Page = new PageRequest { PageSize = -1 } }, new TestCallContext()));

        Assert.That(byDefault.Portfolios, Has.Count.EqualTo(100));
        Assert.That(byDefault.Page.PageSize, Is.EqualTo(100));
        Assert.That(capped.Page.PageSize, Is.EqualTo(1000));
        Assert.That(capped.Portfolios, Has.Count.EqualTo(120));
        Assert.That(ViolationFields(negative), Is.EqualTo(new[] { "page.page_size" }));
    }

    [Test]
    public async Task GetPortfolio_RoundTripsEveryField_AndUnknownIsNotFound()
    {
        var portfolio = Samples.Portfolio();
        portfolio.CloseDate = "2030-12-31";
        portfolio.TenantId = "TEN";
        portfolio.LegalBookId = "BOOK";
        portfolio.IsLeverageAllowed = true;
        portfolio.AdvisorId = "ADV";
        portfolio.Objective = "Growth";
        await Ingestion.IngestPortfolios(new IngestPortfoliosRequest { Portfolios = { portfolio } }, new TestCallContext());

        var read = await Query.GetPortfolio(new GetPortfolioRequest { PortfolioId = "P1" }, new TestCallContext());
        var missing = await ThrowsRpcAsync(StatusCode.NotFound, () => Query.GetPortfolio(new GetPortfolioRequest { PortfolioId = "NOPE" }, new TestCallContext()));

        Assert.That(read.Portfolio, Is.EqualTo(portfolio));
        Assert.That(Reason(missing), Is.EqualTo("PORTFOLIO_NOT_FOUND"));
    }

    [Test]
    public async Task ListInstruments_FiltersByProductTypeAndRoundTrips()
    {
        var bond = Samples.Instrument("BOND1", "BOND");
        bond.MaturityDate = "2030-06-15";
        bond.IssuerId = "ISS";
        await Ingestion.IngestInstruments(new IngestInstrumentsRequest { Instruments = { Samples.Instrument("AAPL"), bond, Samples.Instrument("MSFT") } }, new TestCallContext());

        var bonds = await Query.ListInstruments(new ListInstrumentsRequest { ProductType = "BOND" }, new TestCallContext());
        var all = await Query.ListInstruments(new ListInstrumentsRequest { Page = new PageRequest { PageSize = 2 } }, new TestCallContext());

        Assert.That(bonds.Instruments.Single(), Is.EqualTo(bond));
        Assert.That(all.Instruments.Select(i => i.SecurityId), Is.EqualTo(new[] { "AAPL", "BOND1" }));
        Assert.That(all.Page.NextPageToken, Is.Not.Empty);
    }

    [Test]
    public async Task ListTransactions_PagesThroughTiesByDateThenIdWithFilters()
    {
        await Ingestion.IngestPortfolios(new IngestPortfoliosRequest { Portfolios = { Samples.Portfolio() } }, new TestCallContext());
        var transactions = new List<Transaction>();
        for (var i = 0; i < 12; i++)
        {
            // Three trades per day: page boundaries fall inside a day.
            transactions.Add(Samples.Buy($"T{11 - i:D2}", date: $"2024-03-0{1 + (i / 3)}", securityId: i % 2 == 0 ? "AAPL" : "MSFT"));
        }

        transactions.Add(Samples.Dividend("D1"));
        transactions.Add(Samples.Buy("OTHER", portfolioId: "P2"));
        await Ingestion.IngestTransactions(Samples.Transactions([.. transactions]), new TestCallContext());

        var all = await ReadAllAsync(async token =>
        {
            var r = await Query.ListTransactions(new ListTransactionsRequest { PortfolioId = "P1", EndDate = "2024-03-31", Page = new PageRequest { PageSize = 5, PageToken = token } }, new TestCallContext());
            return (r.Transactions.Select(t => (t.Transaction.TransactionDate, t.Transaction.TransactionId)), r.Page);
        });
        var aapl = await Query.ListTransactions(new ListTransactionsRequest { PortfolioId = "P1", SecurityId = "AAPL", StartDate = "2024-03-02", TransactionType = "buy" }, new TestCallContext());

        var expected = transactions.Where(t => t.PortfolioId == "P1" && string.CompareOrdinal(t.TransactionDate, "2024-03-31") <= 0)
            .Select(t => (t.TransactionDate, t.TransactionId)).OrderBy(t => t.TransactionDate, StringComparer.Ordinal).ThenBy(t => t.TransactionId, StringComparer.Ordinal);
        Assert.That(all, Is.EqualTo(expected));
        Assert.That(aapl.Transactions.Select(t => t.Transaction.TransactionId), Is.EqualTo(new[] { "T07", "T03", "T05", "T01" }));
        Assert.That(aapl.Transactions.All(t => t.ProcessingStatus == "pending"), Is.True);
    }

    [Test]
    public async Task ListTransactions_UnknownPortfolioIsNotFound_AndReversedWindowIsInvalid()
    {
        var missing = await ThrowsRpcAsync(StatusCode.NotFound, () => Query.ListTransactions(new ListTransactionsRequest { PortfolioId = "NOPE" }, new TestCallContext()));
        var reversed = await ThrowsRpcAsync(StatusCode.InvalidArgument,
            () => Query.ListTransactions(new ListTransactionsRequest { PortfolioId = "P1", StartDate = "2024-03-02", EndDate = "2024-03-01" }, new TestCallContext()));

        Assert.That(Reason(missing), Is.EqualTo("PORTFOLIO_NOT_FOUND"));
        Assert.That(ViolationFields(reversed), Is.EqualTo(new[] { "end_date" }));
    }

    [Test]
    public async Task Decimals_AreStoredExactlyAndReadBackAtScaleTen()
    {
        var trade = Samples.Buy();
        trade.Quantity = "1025000.12";
        trade.Price = "0.0000000001";
        trade.GrossTransactionAmount = "999999999999999999.9999999999";
        trade.TradeFee = "1025000.1200000000";
        trade.TransactionFxRate = "1";
        await Ingestion.IngestPortfolios(new IngestPortfoliosRequest { Portfolios = { Samples.Portfolio() } }, new TestCallContext());
        await Ingestion.IngestTransactions(Samples.Transactions(trade), new TestCallContext());

        var read = (await Query.ListTransactions(new ListTransactionsRequest { PortfolioId = "P1" }, new TestCallContext())).Transactions.Single().Transaction;

        Assert.That(read.Quantity, Is.EqualTo("1025000.1200000000"));
        Assert.That(read.Price, Is.EqualTo("0.0000000001"));
        Assert.That(read.GrossTransactionAmount, Is.EqualTo("999999999999999999.9999999999"));
        Assert.That(read.TradeFee, Is.EqualTo("1025000.1200000000"));
        Assert.That(read.TransactionFxRate, Is.EqualTo("1.0000000000"));
        Assert.That(read.Brokerage, Is.Empty, "absent optional decimals stay absent");
        Assert.That(decimal.Parse(read.GrossTransactionAmount, System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(999999999999999999.9999999999m));
    }

    [Test]
    public async Task ListMarketPricesAndFxRates_WindowAndPage()
    {
        var bundle = new IngestPortfolioBundleRequest();
        for (var day = 1; day <= 9; day++)
        {
            bundle.MarketPrices.Add(Samples.Price(date: $"2024-03-0{day}", price: $"15{day}.5"));
            bundle.FxRates.Add(Samples.Fx(date: $"2024-03-0{day}", rate: $"1.3{day}"));
        }

        bundle.FxRates.Add(Samples.Fx(date: "2024-03-01", from: "SGD", to: "USD", rate: "0.74"));
        await Ingestion.IngestPortfolioBundle(bundle, new TestCallContext());

        var prices = await ReadAllAsync(async token =>
        {
            var r = await Query.ListMarketPrices(new ListMarketPricesRequest { SecurityId = "AAPL", StartDate = "2024-03-02", EndDate = "2024-03-08", Page = new PageRequest { PageSize = 3, PageToken = token } }, new TestCallContext());
            return (r.Prices.Select(p => p.PriceDate + "=" + p.Price), r.Page);
        });
        var rates = await Query.ListFxRates(new ListFxRatesRequest { FromCurrency = "USD", ToCurrency = "SGD", EndDate = "2024-03-02" }, new TestCallContext());
        var inverse = await Query.ListFxRates(new ListFxRatesRequest { FromCurrency = "SGD", ToCurrency = "USD" }, new TestCallContext());

        Assert.That(prices, Is.EqualTo(Enumerable.Range(2, 7).Select(d => $"2024-03-0{d}=15{d}.5000000000")));
        Assert.That(rates.Rates.Select(r => r.Rate), Is.EqualTo(new[] { "1.3100000000", "1.3200000000" }));
        Assert.That(inverse.Rates.Single().Rate, Is.EqualTo("0.7400000000"), "direct pair only");
    }

    [Test]
    public async Task PositionsAndCashflows_AreFailedPreconditionUntilWired()
    {
        await Ingestion.IngestPortfolios(new IngestPortfoliosRequest { Portfolios = { Samples.Portfolio() } }, new TestCallContext());

        var positions = await ThrowsRpcAsync(StatusCode.FailedPrecondition, () => Query.ListPositions(new ListPositionsRequest { PortfolioId = "P1" }, new TestCallContext()));
        var cashflows = await ThrowsRpcAsync(StatusCode.FailedPrecondition, () => Query.ListCashflows(new ListCashflowsRequest { PortfolioId = "P1" }, new TestCallContext()));
        var unknown = await ThrowsRpcAsync(StatusCode.NotFound, () => Query.ListPositions(new ListPositionsRequest { PortfolioId = "NOPE" }, new TestCallContext()));

        Assert.That(Reason(positions), Is.EqualTo("CALCULATED_STATE_UNAVAILABLE"));
        Assert.That(Reason(cashflows), Is.EqualTo("CALCULATED_STATE_UNAVAILABLE"));
        Assert.That(Reason(unknown), Is.EqualTo("PORTFOLIO_NOT_FOUND"));
    }
}
