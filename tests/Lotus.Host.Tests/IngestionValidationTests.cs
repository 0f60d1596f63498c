using Lotus.Core.V1;
using Lotus.Grpc;
using Lotus.Host.Tests.Support;

namespace Lotus.Host.Tests;

[TestFixture]
public sealed class IngestionValidationTests : ServiceTestBase
{
    private async Task<IReadOnlyList<string>> RejectedFieldsAsync(params Transaction[] transactions)
    {
        var error = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestTransactions(Samples.Transactions(transactions), new TestCallContext()));
        Assert.That(Reason(error), Is.EqualTo("INGESTION_VALIDATION_FAILED"));
        return ViolationFields(error);
    }

    [Test]
    public async Task BatchWithInvalidRecords_RejectedWholeWithEveryViolationAndNothingWritten()
    {
        var bad1 = Samples.Buy("T2");
        bad1.Quantity = "-1";
        var bad3 = Samples.Buy("T4");
        bad3.TradeCurrency = "usd";
        bad3.Price = "abc";

        var fields = await RejectedFieldsAsync(Samples.Buy("T1"), bad1, Samples.Buy("T3"), bad3, Samples.Buy("T5"));

        Assert.That(fields, Is.EquivalentTo(new[] { "transactions[1].quantity", "transactions[3].price", "transactions[3].trade_currency" }));
        Assert.That(await CountEverythingAsync(), Is.Zero);
    }

    [Test]
    public async Task Dividend_NeedsZeroQuantityZeroPriceAndPositiveGross()
    {
        var dividend = Samples.Dividend();
        dividend.Quantity = "5";
        dividend.Price = "1";
        dividend.GrossTransactionAmount = "0";

        var fields = await RejectedFieldsAsync(dividend);

        Assert.That(fields, Is.EquivalentTo(new[] { "transactions[0].quantity", "transactions[0].price", "transactions[0].gross_transaction_amount" }));
    }

    [Test]
    public async Task Dividend_WithEmptyQuantityAndPrice_IsAccepted()
    {
        var dividend = Samples.Dividend();
        dividend.Quantity = string.Empty;
        dividend.Price = string.Empty;

        var response = await Ingestion.IngestTransactions(Samples.Transactions(dividend), new TestCallContext());

        Assert.That(response.Ack.AcceptedCount, Is.EqualTo(1));
    }

    [TestCase("BUY")]
    [TestCase("SELL")]
    public async Task TradeWithoutQuantity_IsRejected(string type)
    {
        var trade = Samples.Buy();
        trade.TransactionType = type;
        trade.Quantity = "0";

        Assert.That(await RejectedFieldsAsync(trade), Is.EqualTo(new[] { "transactions[0].quantity" }));
    }

    [Test]
    public async Task UnknownTransactionType_IsRefusedNamingIt()
    {
        var trade = Samples.Buy();
        trade.TransactionType = "OTHER";

        var error = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestTransactions(Samples.Transactions(trade), new TestCallContext()));

        var violation = Details<Google.Rpc.BadRequest>(error)!.FieldViolations.Single();
        Assert.That(violation.Field, Is.EqualTo("transactions[0].transaction_type"));
        Assert.That(violation.Description, Does.Contain("'OTHER'"));
    }

    [Test]
    public async Task SettlementBeforeTradeDate_IsRejected()
    {
        var trade = Samples.Buy();
        trade.SettlementDate = "2024-02-29";

        Assert.That(await RejectedFieldsAsync(trade), Is.EqualTo(new[] { "transactions[0].settlement_date" }));
    }

    [TestCase("1.12345678901")]
    [TestCase("1e3")]
    [TestCase("1234567890123456789")]
    [TestCase("1,5")]
    [TestCase(".5")]
    [TestCase("+1")]
    [TestCase("NaN")]
    public async Task DecimalThatDoesNotFitOrIsNotInvariant_IsRejected(string value)
    {
        var trade = Samples.Buy();
        trade.GrossTransactionAmount = value;

        Assert.That(await RejectedFieldsAsync(trade), Is.EqualTo(new[] { "transactions[0].gross_transaction_amount" }));
    }

    [TestCase("2024-02-30")]
    [TestCase("2024-3-01")]
    [TestCase("01/03/2024")]
    public async Task MalformedDate_IsRejected(string value)
    {
        var trade = Samples.Buy();
        trade.TransactionDate = value;
        trade.SettlementDate = string.Empty;

        Assert.That(await RejectedFieldsAsync(trade), Is.EqualTo(new[] { "transactions[0].transaction_date" }));
    }

    [Test]
    public async Task NegativeFeesAndNonPositiveFxRate_AreRejected()
    {
        var trade = Samples.Buy();
        trade.Brokerage = "-0.01";
        trade.TransactionFxRate = "0";

        Assert.That(await RejectedFieldsAsync(trade), Is.EquivalentTo(new[] { "transactions[0].brokerage", "transactions[0].transaction_fx_rate" }));
    }

    [Test]
    public async Task MissingIdentifiers_AreEachReported()
    {
        var trade = Samples.Buy();
        trade.TransactionId = " ";
        trade.PortfolioId = string.Empty;
        trade.InstrumentId = string.Empty;
        trade.SecurityId = string.Empty;

        Assert.That(await RejectedFieldsAsync(trade), Is.EquivalentTo(new[]
        {
            "transactions[0].transaction_id", "transactions[0].portfolio_id", "transactions[0].instrument_id", "transactions[0].security_id",
        }));
    }

    [Test]
    public async Task UpstreamProvidedCashLeg_NeedsEconomicEventAndGroup()
    {
        var trade = Samples.Buy();
        trade.CashEntryMode = "upstream_provided";

        Assert.That(await RejectedFieldsAsync(trade), Is.EquivalentTo(new[] { "transactions[0].economic_event_id", "transactions[0].linked_transaction_group_id" }));
    }

    [Test]
    public async Task InterestNetAmountNotMatchingDeductions_IsRejected()
    {
        var interest = Samples.Dividend();
        interest.TransactionType = "INTEREST";
        interest.GrossTransactionAmount = "100";
        interest.WithholdingTaxAmount = "15";
        interest.NetInterestAmount = "90";

        Assert.That(await RejectedFieldsAsync(interest), Is.EqualTo(new[] { "transactions[0].net_interest_amount" }));
    }

    [Test]
    public async Task RepeatedTransactionId_RejectsTheLaterRecordAndWritesNothing()
    {
        var fields = await RejectedFieldsAsync(Samples.Buy("T1"), Samples.Buy("T2"), Samples.Buy("T1"));

        Assert.That(fields, Is.EqualTo(new[] { "transactions[2].transaction_id" }));
        Assert.That(await CountEverythingAsync(), Is.Zero);
    }

    [Test]
    public async Task ManyInvalidRecords_ReportsTheBoundedFirstViolations()
    {
        var bad = Enumerable.Range(0, 150).Select(i =>
        {
            var t = Samples.Buy($"T{i}");
            t.Quantity = "-1";
            return t;
        }).ToArray();

        var error = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestTransactions(Samples.Transactions(bad), new TestCallContext()));

        var fields = ViolationFields(error);
        Assert.That(fields, Has.Count.EqualTo(100));
        Assert.That(fields[0], Is.EqualTo("transactions[0].quantity"));
        Assert.That(fields[99], Is.EqualTo("transactions[99].quantity"));
    }

    [Test]
    public async Task Portfolio_RulesOfCurrencyDatesScopeAndMethod()
    {
        var badCurrency = Samples.Portfolio("P1");
        badCurrency.BaseCurrency = "US";
        var closedBeforeOpen = Samples.Portfolio("P2");
        closedBeforeOpen.CloseDate = "2023-12-31";
        var halfScope = Samples.Portfolio("P3");
        halfScope.TenantId = "TEN";
        var lifo = Samples.Portfolio("P4");
        lifo.CostBasisMethod = "LIFO";
        var request = new IngestPortfoliosRequest { Portfolios = { badCurrency, closedBeforeOpen, halfScope, lifo } };

        var error = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestPortfolios(request, new TestCallContext()));

        Assert.That(ViolationFields(error), Is.EquivalentTo(new[]
        {
            "portfolios[0].base_currency", "portfolios[1].close_date", "portfolios[2].legal_book_id", "portfolios[3].cost_basis_method",
        }));
    }

    [TestCase("avco", "AVCO")]
    [TestCase("Fifo", "FIFO")]
    [TestCase("", "FIFO")]
    public async Task CostBasisMethod_IsNormalised(string given, string stored)
    {
        var portfolio = Samples.Portfolio();
        portfolio.CostBasisMethod = given;

        await Ingestion.IngestPortfolios(new IngestPortfoliosRequest { Portfolios = { portfolio } }, new TestCallContext());

        var read = await Query.GetPortfolio(new GetPortfolioRequest { PortfolioId = "P1" }, new TestCallContext());
        Assert.That(read.Portfolio.CostBasisMethod, Is.EqualTo(stored));
    }

    [Test]
    public async Task PricesRatesAndInstruments_RulesAreApplied()
    {
        var zeroPrice = Samples.Price(price: "0");
        var samePair = Samples.Fx(from: "USD", to: "USD");
        var noProduct = Samples.Instrument();
        noProduct.ProductType = string.Empty;
        var bundle = new IngestPortfolioBundleRequest { MarketPrices = { zeroPrice }, FxRates = { samePair }, Instruments = { noProduct } };

        var error = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestPortfolioBundle(bundle, new TestCallContext()));

        Assert.That(ViolationFields(error), Is.EquivalentTo(new[] { "market_prices[0].price", "fx_rates[0].to_currency", "instruments[0].product_type" }));
    }

    [Test]
    public async Task BusinessDate_AfterTodayOrMissing_IsRejected()
    {
        var tomorrow = Samples.Day("2026-11-21");
        var today = Samples.Day("2026-11-20");

        var future = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestBusinessDates(new IngestBusinessDatesRequest { BusinessDates = { today, tomorrow } }, new TestCallContext()));
        var empty = await ThrowsRpcAsync(StatusCode.InvalidArgument, () => Ingestion.IngestBusinessDates(new IngestBusinessDatesRequest(), new TestCallContext()));

        Assert.That(ViolationFields(future), Is.EqualTo(new[] { "business_dates[1].business_date" }));
        Assert.That(ViolationFields(empty), Is.EqualTo(new[] { "business_dates" }));
    }

    [Test]
    public async Task BusinessDate_WithoutCalendar_IsStoredOnGlobal()
    {
        await Ingestion.IngestBusinessDates(new IngestBusinessDatesRequest { BusinessDates = { Samples.Day() } }, new TestCallContext());

        Assert.That(await CountAsync("SELECT count(*) FROM business_dates WHERE calendar_code = 'GLOBAL' AND business_date = '2024-03-01'"), Is.EqualTo(1));
    }
}
