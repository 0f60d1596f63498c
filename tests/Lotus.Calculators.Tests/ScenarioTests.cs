using Lotus.Calculators.Tests.Support;
using Lotus.Core.V1;
using Lotus.Host.Calculated;
using Lotus.Host.Services.Query;
using static Lotus.Calculators.Tests.Support.Records;

namespace Lotus.Calculators.Tests;

/// <summary>Scenarios from the semantics document, through ingestion, the log, the worker and the readers.</summary>
[TestFixture]
public sealed class ScenarioTests
{
    private Pipeline _p = null!;

    [SetUp]
    public async Task SetUpAsync()
    {
        _p = await Pipeline.CreateAsync();
        await _p.Instruments(Instrument("AAA"), Instrument("EURX", "EUR"), Instrument("CASH_USD", "USD", "CASH"));
        await _p.BusinessDates("2024-03-01", "2024-03-04");
        await _p.Prices(
            Price("AAA", "2024-03-01", "100"), Price("AAA", "2024-03-04", "130"),
            Price("EURX", "2024-03-01", "50", "EUR"), Price("EURX", "2024-03-04", "52", "EUR"),
            Price("CASH_USD", "2024-03-01", "1"), Price("CASH_USD", "2024-03-04", "1"));
        await _p.Fx(Fx("EUR", "USD", "2024-03-01", "1.1"), Fx("EUR", "USD", "2024-03-04", "1.2"));
    }

    [TearDown]
    public async Task TearDownAsync() => await _p.DisposeAsync();

    [Test]
    public async Task Avco_SellUsesTheAverageCostOfBothLots()
    {
        await _p.Portfolios(Portfolio("P1", method: "AVCO"));
        await _p.Transactions(
            Buy("P1-B1", "P1", "AAA", "2024-03-01", "10", "100"),
            Buy("P1-B2", "P1", "AAA", "2024-03-01", "10", "120"),
            Sell("P1-S1", "P1", "AAA", "2024-03-04", "5", "130"));
        await _p.DrainAsync();

        var costs = (await _p.Costs("P1")).ToDictionary(c => c.TransactionId);
        Assert.That(costs["P1-S1"].RealizedGainLoss, Is.EqualTo(650m - 550m));
        var last = (await _p.PositionDays("P1")).Last();
        Assert.That((last.Quantity, last.CostBasis, last.MarketValue), Is.EqualTo((15m, 1650m, (decimal?)1950m)));
    }

    [Test]
    public async Task DualCurrency_CostAtTradeDateFx_ValueAtValuationDateFx_PortfolioBodAtTodaysFx()
    {
        await _p.Portfolios(Portfolio("P1"));
        await _p.Transactions(Buy("P1-B1", "P1", "EURX", "2024-03-01", "10", "50", currency: "EUR"));
        await _p.DrainAsync();

        var cost = (await _p.Costs("P1")).Single();
        Assert.That((cost.NetCost, cost.NetCostLocal, cost.TransactionFxRate), Is.EqualTo(((decimal?)550m, (decimal?)500m, (decimal?)1.1m)));
        var day = (await _p.PositionDays("P1")).Single(d => d.ValuationDate.Day == 4);
        Assert.That((day.MarketValueLocal, day.MarketValue, day.UnrealizedGainLoss), Is.EqualTo(((decimal?)520m, (decimal?)624m, (decimal?)74m)));
        var portfolio = (await _p.PortfolioDays("P1")).Single(d => d.ValuationDate.Day == 4);
        Assert.That((portfolio.BodMarketValue, portfolio.EodMarketValue), Is.EqualTo(((decimal?)600m, (decimal?)624m)), "BOD: yesterday's local EOD at today's FX (semantics 6.3)");
    }

    [Test]
    public async Task DepositAndDividendWithCashLeg_FlowToTheRightKeysWithTheRightSigns()
    {
        await _p.Portfolios(Portfolio("P1"));
        var dividend = Trade("P1-D1", "P1", "AAA", "DIVIDEND", "2024-03-04", "0", "0", "24");
        dividend.SettlementCashAccountId = "CASH_USD";
        dividend.SettlementCashInstrumentId = "CASH_USD";
        await _p.Transactions(
            Trade("P1-DEP", "P1", "CASH_USD", "DEPOSIT", "2024-03-01", "1000", "1", "1000"),
            Buy("P1-B1", "P1", "AAA", "2024-03-01", "2", "100"),
            dividend);
        await _p.DrainAsync();

        var days = await _p.PositionDays("P1");
        var aaa = days.Single(d => d.SecurityId == "AAA" && d.ValuationDate.Day == 4);
        Assert.That(aaa.EodCashflowPosition, Is.EqualTo(-24m), "income leaves the position (sign flip, semantics 6.2)");
        var cash = days.Where(d => d.SecurityId == "CASH_USD").ToDictionary(d => d.ValuationDate.Day);
        Assert.That(cash[1].Quantity, Is.EqualTo(1000m));
        Assert.That(cash[4].Quantity, Is.EqualTo(1024m), "the generated cash leg credits the dividend");
        var portfolio = (await _p.PortfolioDays("P1")).ToDictionary(d => d.ValuationDate.Day);
        Assert.That(portfolio[1].BodCashflow, Is.EqualTo(1000m), "a deposit is a BOD portfolio flow");
        Assert.That(portfolio[4].EodCashflow, Is.EqualTo(0m), "dividends are internal");
        Assert.That(portfolio[4].EodMarketValue, Is.EqualTo(1024m + 260m));
    }

    [Test]
    public async Task Readers_PagePositionsAndCashflows_AndFillTransactionResults()
    {
        await _p.Portfolios(Portfolio("P1"));
        await _p.Transactions(Buy("P1-B1", "P1", "AAA", "2024-03-01", "2", "100"), Buy("P1-B2", "P1", "EURX", "2024-03-04", "1", "52", currency: "EUR"));
        await _p.DrainAsync();
        var readers = new CalculatedStateReaders(_p.DataSource);

        var page1 = await ((IPositionReader)readers).ReadPositionsAsync(new CalculatedPageRequest("P1", 1, null), null, CancellationToken.None);
        Assert.That(page1.Positions.Select(p => p.SecurityId), Is.EqualTo(new[] { "AAA" }));
        Assert.That((page1.AsOfDate, page1.PortfolioCurrency, page1.Positions[0].MarketValue), Is.EqualTo(("2024-03-04", "USD", "260.0000000000")));
        var page2 = await ((IPositionReader)readers).ReadPositionsAsync(new CalculatedPageRequest("P1", 1, page1.NextCursor), null, CancellationToken.None);
        Assert.That(page2.Positions.Select(p => p.SecurityId), Is.EqualTo(new[] { "EURX" }));
        Assert.That(page2.NextCursor, Is.Null);

        var flows = await ((ICashflowReader)readers).ReadCashflowsAsync(new CalculatedPageRequest("P1", 10, null), string.Empty, null, null, CancellationToken.None);
        Assert.That(flows.Cashflows.Select(c => (c.TransactionId, c.Amount, c.Classification)), Is.EqualTo(new[] { ("P1-B1", "-200.0000000000", "INVESTMENT_OUTFLOW"), ("P1-B2", "-52.0000000000", "INVESTMENT_OUTFLOW") }));

        var records = new[] { new TransactionRecord { Transaction = new Transaction { TransactionId = "P1-B1" } }, new TransactionRecord { Transaction = new Transaction { TransactionId = "NOPE" } } };
        await readers.FillAsync("P1", records, CancellationToken.None);
        Assert.That((records[0].ProcessingStatus, records[0].NetCost, records[1].ProcessingStatus), Is.EqualTo(("processed", "200.0000000000", "pending")));
    }

    [Test]
    public async Task IngestionJob_CompletesWhenTheWorkerHasProcessedItsEvents()
    {
        await _p.Portfolios(Portfolio("P1"));
        var jobId = await _p.Transactions(Buy("P1-B1", "P1", "AAA", "2024-03-01", "2", "100"));
        var before = await _p.Ingestion.GetIngestionJob(new GetIngestionJobRequest { JobId = jobId }, new CallContext());
        Assert.That((before.Job.Status, before.Job.ProcessedEventCount), Is.EqualTo(("accepted", 0L)));

        await _p.DrainAsync();

        var after = await _p.Ingestion.GetIngestionJob(new GetIngestionJobRequest { JobId = jobId }, new CallContext());
        Assert.That((after.Job.Status, after.Job.ProcessedEventCount), Is.EqualTo(("completed", 1L)));
        Assert.That(after.Job.CompletedAt, Is.Not.Empty);
    }
}
