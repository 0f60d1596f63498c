using Lotus.Host.Services.Analytics;

namespace Lotus.Analytics.Tests;

/// <summary>Beginning-capital continuity and cash-flow typing (contracts §3.2).</summary>
[TestFixture]
public sealed class ServingRulesTests
{
    [Test]
    public void PriorEodAndNoBodFlow_BodIsPriorEod()
        => Assert.That(BeginningCapitalContinuity.Resolve(new ContinuityInput(90m, 120m, 100m, 0m, false, false, false, false)), Is.EqualTo(100m));

    [Test]
    public void CashBookWithInternalFlowsOnly_BodIsEod()
        => Assert.That(BeginningCapitalContinuity.Resolve(new ContinuityInput(5000m, 3500m, 5000m, -1500m, true, true, false, true)), Is.EqualTo(3500m));

    [Test]
    public void ZeroStoredBodWithInternalBodFlow_PriorPlusFlow()
        => Assert.That(BeginningCapitalContinuity.Resolve(new ContinuityInput(0m, 1600m, 100m, 1500m, true, true, false, false)), Is.EqualTo(1600m));

    [Test]
    public void NewInternallyFundedPosition_BodIsEod()
        => Assert.That(BeginningCapitalContinuity.Resolve(new ContinuityInput(10m, 1510m, null, 0m, true, true, false, false)), Is.EqualTo(1510m));

    [Test]
    public void ExternalFlowOnTheDay_StoredBodKept()
        => Assert.That(BeginningCapitalContinuity.Resolve(new ContinuityInput(10m, 1510m, null, 0m, true, true, true, false)), Is.EqualTo(10m));

    [TestCase("CASHFLOW_IN", false, true, "external_flow", "external")]
    [TestCase("INVESTMENT_OUTFLOW", true, false, "internal_trade_flow", "internal")]
    [TestCase("FX_SELL", true, false, "internal_trade_flow", "internal")]
    [TestCase("INCOME", true, false, "income", "operational")]
    [TestCase("EXPENSE", false, true, "fee", "operational")]
    [TestCase("TRANSFER", true, false, "internal_trade_flow", "internal")]
    [TestCase("TRANSFER", false, true, "transfer", "external")]
    [TestCase("CORPORATE_ACTION_PROCEEDS", true, false, "other", "operational")]
    public void Classification_MapsToContractVocabulary(string classification, bool position, bool portfolio, string type, string scope)
        => Assert.That(CashFlowTyping.Classify(classification, position, portfolio), Is.EqualTo((type, scope)));
}
