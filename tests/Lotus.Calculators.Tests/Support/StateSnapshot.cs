using Lotus.Storage.Calculated;

namespace Lotus.Calculators.Tests.Support;

/// <summary>A portfolio's current calculated state with portfolio-specific parts removed, for comparing two runs.</summary>
public sealed record StateSnapshot(
    List<CostRow> Costs, List<HistoryRow> History, List<CashflowRow> Cashflows, List<PositionDayRow> PositionDays, List<PortfolioDayRow> PortfolioDays)
{
    public static async Task<StateSnapshot> ReadAsync(Pipeline p, string portfolioId, long? version = null)
    {
        string Strip(string id) => id.StartsWith(portfolioId + "-", StringComparison.Ordinal) ? id[(portfolioId.Length + 1)..] : id;
        var costs = (await p.Costs(portfolioId, version)).Select(c => c with { PortfolioId = "", TransactionId = Strip(c.TransactionId) })
            .OrderBy(c => c.SecurityId, StringComparer.Ordinal).ThenBy(c => c.TransactionId, StringComparer.Ordinal).ToList();
        var history = (await p.History(portfolioId, version)).Select(h => h with { PortfolioId = "", TransactionId = Strip(h.TransactionId) }).ToList();
        var cashflows = (await p.Cashflows(portfolioId, version)).Select(c => c with { PortfolioId = "", TransactionId = Strip(c.TransactionId) })
            .OrderBy(c => c.SecurityId, StringComparer.Ordinal).ThenBy(c => c.TransactionId, StringComparer.Ordinal).ToList();
        var days = (await p.PositionDays(portfolioId, version)).Select(d => d with { PortfolioId = "", ValidFrom = 0 }).ToList();
        var portfolio = (await p.PortfolioDays(portfolioId, version)).Select(d => d with { PortfolioId = "", ValidFrom = 0 }).ToList();
        return new StateSnapshot(costs, history, cashflows, days, portfolio);
    }

    public void AssertEqual(StateSnapshot expected, string because)
    {
        Assert.Multiple(() =>
        {
            Assert.That(Costs, Is.EqualTo(expected.Costs), because + ": costs");
            Assert.That(History, Is.EqualTo(expected.History), because + ": position history");
            Assert.That(Cashflows, Is.EqualTo(expected.Cashflows), because + ": cashflows");
            Assert.That(PositionDays, Is.EqualTo(expected.PositionDays), because + ": position timeseries");
            Assert.That(PortfolioDays, Is.EqualTo(expected.PortfolioDays), because + ": portfolio timeseries");
        });
    }
}
