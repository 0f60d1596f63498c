using Lotus.Core.V1;

namespace Lotus.Client.Tests.Consumer;

/// <summary>
/// The consumer contract checks against a fake serving the hand-worked reference timeseries: they pass
/// on correct data and fail on wrong data, before a real server exists.
/// </summary>
[TestFixture]
public sealed class ConsumerContractOracleTests
{
    private const string PortfolioId = "CT-ORACLE";

    [Test]
    public async Task ScenarioBundle_IsIngestedWithEveryTransactionKind()
    {
        var invoker = Reference();
        var source = new GrpcConsumerSource(invoker);

        var job = await source.IngestAsync(ConsumerScenario.Bundle(PortfolioId));

        Assert.That(await source.JobStatusAsync(job), Is.EqualTo("completed"));
        var sent = invoker.Requests.OfType<IngestPortfolioBundleRequest>().Single();
        Assert.That(sent.Transactions.Select(t => t.TransactionType), Is.EqualTo(new[] { "DEPOSIT", "BUY", "TRANSFER_IN", "FEE", "DIVIDEND", "SELL" }));
        Assert.That(sent.MarketPrices.Select(p => p.Currency).Distinct(), Is.EquivalentTo(new[] { "USD", "EUR" }));
        Assert.That(sent.IdempotencyKey, Is.Not.Empty);
    }

    [TestCase(FeeBasis.Net)]
    [TestCase(FeeBasis.Gross)]
    public async Task Checks_PassOnTheReferenceData(FeeBasis basis)
    {
        var source = new GrpcConsumerSource(Reference());

        await ConsumerChecks.CheckPortfolioValuesAsync(source, PortfolioId);
        await ConsumerChecks.CheckTwrAsync(source, PortfolioId, basis);
        await ConsumerChecks.CheckStreamEqualsPagesAsync(source, PortfolioId);
        await ConsumerChecks.CheckContributionsAsync(source, PortfolioId, basis);
    }

    [Test]
    public void TwrCheck_FailsWhenTheFeeIsNotReported()
    {
        var portfolio = ConsumerScenario.ReferencePortfolioPage(PortfolioId);
        portfolio.Observations[2].CashFlows.Clear();
        var source = new GrpcConsumerSource(new ReferenceCallInvoker(portfolio, ConsumerScenario.ReferencePositionPage(PortfolioId)));

        Assert.ThrowsAsync<AssertionException>(() => ConsumerChecks.CheckTwrAsync(source, PortfolioId, FeeBasis.Net));
    }

    [Test]
    public void TwrCheck_FailsWhenAValueIsOffByACent()
    {
        var portfolio = ConsumerScenario.ReferencePortfolioPage(PortfolioId);
        portfolio.Observations[4].EndingMarketValue = "125200.01";
        var source = new GrpcConsumerSource(new ReferenceCallInvoker(portfolio, ConsumerScenario.ReferencePositionPage(PortfolioId)));

        Assert.ThrowsAsync<AssertionException>(() => ConsumerChecks.CheckTwrAsync(source, PortfolioId, FeeBasis.Gross));
    }

    [Test]
    public void ContributionCheck_FailsWhenAPositionDayIsMissing()
    {
        var positions = ConsumerScenario.ReferencePositionPage(PortfolioId);
        var dropped = positions.Rows.Single(r => r.SecurityId == "EU_EQ" && r.ValuationDate == "2026-01-09");
        positions.Rows.Remove(dropped);
        var source = new GrpcConsumerSource(new ReferenceCallInvoker(ConsumerScenario.ReferencePortfolioPage(PortfolioId), positions));

        Assert.ThrowsAsync<AssertionException>(() => ConsumerChecks.CheckContributionsAsync(source, PortfolioId, FeeBasis.Net));
    }

    private static ReferenceCallInvoker Reference()
        => new(ConsumerScenario.ReferencePortfolioPage(PortfolioId), ConsumerScenario.ReferencePositionPage(PortfolioId));
}
