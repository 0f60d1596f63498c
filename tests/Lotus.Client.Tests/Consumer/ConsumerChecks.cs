namespace Lotus.Client.Tests.Consumer;

/// <summary>The consumer contract checks, shared by the live test and the oracle test.</summary>
public static class ConsumerChecks
{
    private const decimal Tolerance = 1e-10m;

    public static async Task<List<TwrDay>> PortfolioDaysAsync(IConsumerSource source, string portfolioId)
        => [.. (await source.ObservationsAsync(portfolioId)).Select(o => Twr.DayOf(o.ValuationDate, o.BeginningMarketValue, o.EndingMarketValue, o.CashFlows))];

    public static async Task CheckPortfolioValuesAsync(IConsumerSource source, string portfolioId)
    {
        var days = await PortfolioDaysAsync(source, portfolioId);

        Assert.That(days.Select(d => d.Date), Is.EqualTo(ConsumerScenario.Dates));
        Assert.That(days.Select(d => (d.Begin, d.End)), Is.EqualTo(ConsumerScenario.ExpectedValues));
        Assert.That(days.Select(d => d.BodFlow), Is.EqualTo(new[] { 100000m, 22000m, 0m, 0m, 0m }));
        Assert.That(days.Select(d => d.Fee), Is.EqualTo(new[] { 0m, 0m, -100m, 0m, 0m }));
    }

    public static async Task CheckTwrAsync(IConsumerSource source, string portfolioId, FeeBasis basis)
    {
        var returns = (await PortfolioDaysAsync(source, portfolioId)).Select(d => Twr.DailyReturn(d, basis)).ToArray();
        var expected = ConsumerScenario.ExpectedDaily(basis);

        Assert.That(returns, Has.Length.EqualTo(expected.Length));
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.That(returns[i], Is.EqualTo(expected[i]).Within(Tolerance), $"daily return of {ConsumerScenario.Dates[i]}");
        }

        Assert.That(Twr.Linked(returns), Is.EqualTo(ConsumerScenario.ExpectedLinked(basis)).Within(Tolerance), "linked return");
    }

    public static async Task CheckStreamEqualsPagesAsync(IConsumerSource source, string portfolioId)
    {
        var streamed = await source.ObservationsAsync(portfolioId, useStream: true);
        var paged = await source.ObservationsAsync(portfolioId, useStream: false);

        Assert.That(streamed.Select(Describe), Is.EqualTo(paged.Select(Describe)));
    }

    public static async Task CheckContributionsAsync(IConsumerSource source, string portfolioId, FeeBasis basis)
    {
        var rows = await source.PositionRowsAsync(portfolioId);
        var positions = rows
            .GroupBy(r => r.PositionId, StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlyList<TwrDay>)[.. g.Select(r => Twr.DayOf(r.ValuationDate, r.BeginningMarketValuePortfolioCurrency, r.EndingMarketValuePortfolioCurrency, r.CashFlows, r.PositionToPortfolioFxRate))],
                StringComparer.Ordinal);
        Assert.That(positions.Keys.Select(k => k[(k.IndexOf(':', StringComparison.Ordinal) + 1)..]), Is.SupersetOf(new[] { "US_EQ", "EU_EQ", "CASH_USD" }));

        var portfolio = await PortfolioDaysAsync(source, portfolioId);
        var total = Twr.Contributions(portfolio, positions, basis).Values.Sum();

        Assert.That(total, Is.EqualTo(Twr.Linked(portfolio.Select(d => Twr.DailyReturn(d, basis)))).Within(1e-8m));
    }

    private static string Describe(PortfolioObservationValue o)
        => $"{o.ValuationDate:yyyy-MM-dd} {o.BeginningMarketValue} {o.EndingMarketValue} " + string.Join(';', o.CashFlows.Select(f => $"{f.Amount}/{f.Timing}/{f.CashFlowType}"));
}
