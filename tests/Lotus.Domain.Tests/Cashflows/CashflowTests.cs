using Lotus.Domain.Cashflows;
using Lotus.Domain.Reference;
using Lotus.Domain.Settlement;
using Lotus.Domain.Values;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Cashflows;

[TestFixture]
public sealed class CashflowTests
{
    private static IEnumerable<TestCaseData> Signs()
    {
        yield return new TestCaseData(Buy("B", "2026-01-02", 10m, 100m, fee: 2m), -102m, CashflowClassification.InvestmentOutflow, CashflowTiming.Bod, false);
        yield return new TestCaseData(Sell("S", "2026-01-02", 10m, 100m, fee: 2m), 98m, CashflowClassification.InvestmentInflow, CashflowTiming.Eod, false);
        yield return new TestCaseData(Dividend("DV", "2026-01-02", 50m) with { WithholdingTaxAmount = 7.5m }, 42.5m, CashflowClassification.Income, CashflowTiming.Eod, false);
        yield return new TestCaseData(Make("I", TransactionType.Interest, "2026-01-02", gross: 12m), 12m, CashflowClassification.Income, CashflowTiming.Eod, false);
        yield return new TestCaseData(Cash("F", TransactionType.Fee, "2026-01-02", 10m, fee: 1m), -11m, CashflowClassification.Expense, CashflowTiming.Eod, true);
        yield return new TestCaseData(Cash("T", TransactionType.Tax, "2026-01-02", 10m), -10m, CashflowClassification.Expense, CashflowTiming.Eod, true);
        yield return new TestCaseData(Cash("DP", TransactionType.Deposit, "2026-01-02", 500m), 500m, CashflowClassification.CashflowIn, CashflowTiming.Bod, true);
        yield return new TestCaseData(Cash("W", TransactionType.Withdrawal, "2026-01-02", 500m, fee: 5m), -495m, CashflowClassification.CashflowOut, CashflowTiming.Eod, true);
        yield return new TestCaseData(Make("TI", TransactionType.TransferIn, "2026-01-02", 5m, 300m), 300m, CashflowClassification.Transfer, CashflowTiming.Bod, true);
        yield return new TestCaseData(Make("TO", TransactionType.TransferOut, "2026-01-02", 5m, 300m), -300m, CashflowClassification.Transfer, CashflowTiming.Eod, true);
        yield return new TestCaseData(Make("SP", TransactionType.Split, "2026-01-02", 5m), 0m, CashflowClassification.Transfer, CashflowTiming.Bod, false);
    }

    [TestCaseSource(nameof(Signs))]
    public void Amount_SignClassificationAndTiming_FollowTheRules(Transaction t, decimal amount, CashflowClassification classification, CashflowTiming timing, bool portfolioFlow)
    {
        var c = CashflowCalculator.Calculate(t);
        Assert.Multiple(() =>
        {
            Assert.That(c.Amount, Is.EqualTo(amount));
            Assert.That(c.Classification, Is.EqualTo(classification));
            Assert.That(c.Timing, Is.EqualTo(timing));
            Assert.That(c.IsPortfolioFlow, Is.EqualTo(portfolioFlow));
            Assert.That(c.IsPositionFlow, Is.True);
        });
    }

    [Test]
    public void InterestExpense_IsAnOutflowIncludingFees()
    {
        var t = Make("I", TransactionType.Interest, "2026-01-02", gross: 12m, fee: 1m) with { InterestDirection = InterestDirection.Expense };
        Assert.That(CashflowCalculator.Calculate(t).Amount, Is.EqualTo(-13m));
    }

    [Test]
    public void SellWithFeesAboveProceeds_IsRefused()
    {
        Assert.Throws<DomainValidationException>(() => CashflowCalculator.Calculate(Sell("S", "2026-01-02", 1m, 5m, fee: 5m)));
    }

    [Test]
    public void TradesAndIncome_AreDatedBySettlement_OthersByTradeDate()
    {
        var buy = Buy("B", "2026-01-02", 10m, 100m, settlement: "2026-01-06");
        var fee = Cash("F", TransactionType.Fee, "2026-01-02", 10m, settlement: "2026-01-06");
        Assert.That(CashflowCalculator.Calculate(buy).CashflowDate, Is.EqualTo(D("2026-01-06")));
        Assert.That(CashflowCalculator.Calculate(fee).CashflowDate, Is.EqualTo(D("2026-01-02")));
    }

    [Test]
    public void AnalyticsSemantics_MapClassificationToTypeAndScope()
    {
        Assert.Multiple(() =>
        {
            Assert.That(CashflowCalculator.Calculate(Cash("DP", TransactionType.Deposit, "2026-01-02", 5m)) is { CashFlowType: CashFlowType.ExternalFlow, FlowScope: FlowScope.External });
            Assert.That(CashflowCalculator.Calculate(Buy("B", "2026-01-02", 1m, 5m)) is { CashFlowType: CashFlowType.InternalTradeFlow, FlowScope: FlowScope.Internal });
            Assert.That(CashflowCalculator.Calculate(Dividend("DV", "2026-01-02", 5m)) is { CashFlowType: CashFlowType.Income, FlowScope: FlowScope.Operational });
            Assert.That(CashflowCalculator.Calculate(Cash("T", TransactionType.Tax, "2026-01-02", 5m)) is { CashFlowType: CashFlowType.Fee, FlowScope: FlowScope.Operational });
            Assert.That(CashflowCalculator.Calculate(Make("TI", TransactionType.TransferIn, "2026-01-02", 1m, 5m)) is { CashFlowType: CashFlowType.Transfer, FlowScope: FlowScope.External });
            Assert.That(CashflowCalculator.Calculate(Make("SP", TransactionType.Split, "2026-01-02", 1m)) is { CashFlowType: CashFlowType.InternalTradeFlow, FlowScope: FlowScope.Internal });
        });
    }

    [Test]
    public void PositionFlow_FlipsTradesAndIncome_ButNotExternalOrExpense()
    {
        Assert.That(CashflowCalculator.Calculate(Buy("B", "2026-01-02", 1m, 100m)).PositionFlowAmount, Is.EqualTo(100m));
        Assert.That(CashflowCalculator.Calculate(Dividend("DV", "2026-01-02", 5m)).PositionFlowAmount, Is.EqualTo(-5m));
        Assert.That(CashflowCalculator.Calculate(Cash("DP", TransactionType.Deposit, "2026-01-02", 5m)).PositionFlowAmount, Is.EqualTo(5m));
        Assert.That(CashflowCalculator.Calculate(Cash("F", TransactionType.Fee, "2026-01-02", 5m)).PositionFlowAmount, Is.EqualTo(-5m));
    }

    [Test]
    public void AutoGeneratedDividend_GetsAnInflowCashLegOnTheSettlementAccount()
    {
        var dividend = Dividend("DV1", "2026-03-01", 100m, settlement: "2026-03-03") with { WithholdingTaxAmount = 15m, SettlementCashAccountId = "CASH_USD" };
        Assert.That(SettlementCashLeg.TryCreate(dividend, out var leg), Is.True);
        var c = CashflowCalculator.Calculate(leg);
        Assert.Multiple(() =>
        {
            Assert.That(leg.TransactionId, Is.EqualTo("DV1-CASHLEG"));
            Assert.That(leg.SecurityId, Is.EqualTo("CASH_USD"));
            Assert.That(leg.TransactionType, Is.EqualTo(TransactionType.Adjustment));
            Assert.That(leg.GrossTransactionAmount, Is.EqualTo(85m));
            Assert.That(leg.TradeDate, Is.EqualTo(D("2026-03-03")));
            Assert.That(leg.EconomicEventId, Is.EqualTo("EVT-DIVIDEND-P1-DV1"));
            Assert.That(c.Amount, Is.EqualTo(85m));
            Assert.That(c is { IsPositionFlow: true, IsPortfolioFlow: false, Timing: CashflowTiming.Eod });
        });
    }

    [Test]
    public void BuyWithoutAutoGenerate_HasNoCashLeg_AndBuyWithIt_HasAnOutflowLeg()
    {
        var buy = Buy("B1", "2026-03-01", 10m, 100m, fee: 1m) with { SettlementCashAccountId = "CASH_USD" };
        Assert.That(SettlementCashLeg.TryCreate(buy, out _), Is.False);
        Assert.That(SettlementCashLeg.TryCreate(buy with { CashEntryMode = CashEntryMode.AutoGenerate }, out var leg), Is.True);
        Assert.That(leg.MovementDirection, Is.EqualTo(MovementDirection.Outflow));
        Assert.That(CashflowCalculator.Calculate(leg).Amount, Is.EqualTo(-101m));
    }

    [Test]
    public void AutoGenerateOnADeposit_IsRefused()
    {
        var deposit = Cash("DP", TransactionType.Deposit, "2026-01-02", 5m) with { CashEntryMode = CashEntryMode.AutoGenerate, SettlementCashAccountId = "CASH_USD" };
        var ex = Assert.Throws<DomainValidationException>(() => SettlementCashLeg.TryCreate(deposit, out _));
        Assert.That(ex!.Field, Is.EqualTo("cash_entry_mode"));
    }
}
