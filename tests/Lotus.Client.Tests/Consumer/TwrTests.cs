namespace Lotus.Client.Tests.Consumer;

/// <summary>The TWR oracle on hand-worked numbers (consumer doc §3.1, §3.2, §3.6).</summary>
[TestFixture]
public sealed class TwrTests
{
    private static readonly DateOnly T1 = new(2026, 1, 5);
    private static readonly DateOnly T2 = new(2026, 1, 6);

    [Test]
    public void BodFlow_IsInvestedCapital()
    {
        // (110 − 5 − 100) / |100 + 5| = 5/105
        Assert.That(Twr.DailyReturn(new TwrDay(T1, 100m, 110m, BodFlow: 5m), FeeBasis.Net), Is.EqualTo(5m / 105m));
    }

    [Test]
    public void EodFlow_IsNotInvestedCapital()
    {
        Assert.That(Twr.DailyReturn(new TwrDay(T1, 1000m, 1500m, EodFlow: 500m), FeeBasis.Net), Is.Zero);
    }

    [Test]
    public void Net_AddsTheNegativeFee_GrossIgnoresIt()
    {
        var day = new TwrDay(T1, 1000m, 1010m, Fee: -2m);

        Assert.That(Twr.DailyReturn(day, FeeBasis.Gross), Is.EqualTo(0.01m));
        Assert.That(Twr.DailyReturn(day, FeeBasis.Net), Is.EqualTo(0.008m));
    }

    [Test]
    public void ZeroCapital_GivesZero()
    {
        Assert.That(Twr.DailyReturn(new TwrDay(T1, 0m, 0m), FeeBasis.Net), Is.Zero);
        Assert.That(Twr.DailyReturn(new TwrDay(T1, -5m, 3m, BodFlow: 5m), FeeBasis.Net), Is.Zero);
    }

    [Test]
    public void Linking_Compounds()
    {
        Assert.That(Twr.Linked([0.1m, -0.05m]), Is.EqualTo(0.045m));
    }

    [Test]
    public void FlowRoles_FollowTheConsumerTaxonomy()
    {
        CashFlowValue[] flows =
        [
            new(10m, "bod", "external_flow", "external", ""),
            new(3m, "eod", "internal_trade_flow", "internal", ""),
            new(7m, "bod", "", "", ""),
            new(-1m, "eod", "fee", "operational", ""),
            new(50m, "eod", "income", "operational", ""),
            new(99m, "intraday", "deposit", "external", ""),
        ];

        var day = Twr.DayOf(T1, 100m, 100m, flows, fx: 2m);

        Assert.That((day.BodFlow, day.EodFlow, day.Fee), Is.EqualTo((34m, 6m, -2m)));
        Assert.That(Twr.FlowRole(" Management_Fee "), Is.EqualTo("fee"));
        Assert.That(Twr.FlowRole("dividend"), Is.EqualTo("unsupported"));
    }

    [Test]
    public void Ln_MatchesKnownValues()
    {
        Assert.That(DecimalMath.Ln(1m), Is.Zero);
        Assert.That(DecimalMath.Ln(2m), Is.EqualTo(0.6931471805599453094172321215m).Within(1e-26m));
        Assert.That(DecimalMath.Ln(1.06m), Is.EqualTo(0.0582689081239757755257183511m).Within(1e-25m));
        Assert.That(DecimalMath.Ln(0.01m), Is.EqualTo(-4.6051701859880913680359829094m).Within(1e-24m));
    }

    [Test]
    public void CarinoContributions_MatchHandWorkedNumbers()
    {
        // Day 1: A 60 → 66 (+10 %), B 40 → 40; portfolio 100 → 106, R1 = 0.06.
        // Day 2: A 66 → 59.4 (−10 %), B 40 → 44 (+10 %); portfolio 106 → 103.4, R2 = −2.6/106.
        // R = 1.06 × 103.4/106 − 1 = 0.034; k1 = ln(1.06)/0.06, k2 = ln(1+R2)/R2, K = ln(1.034)/0.034;
        // s_A = 0.06·k1/K + (−6.6/106)·k2/K, s_B = (4/106)·k2/K (worked to 28 digits).
        TwrDay[] portfolio = [new(T1, 100m, 106m), new(T2, 106m, 103.4m)];
        var positions = new Dictionary<string, IReadOnlyList<TwrDay>>(StringComparer.Ordinal)
        {
            ["A"] = [new(T1, 60m, 66m), new(T2, 66m, 59.4m)],
            ["B"] = [new(T1, 40m, 40m), new(T2, 40m, 44m)],
        };

        var result = Twr.Contributions(portfolio, positions, FeeBasis.Net);

        Assert.That(result["A"], Is.EqualTo(-0.00485224575777349706112716652m).Within(1e-22m));
        Assert.That(result["B"], Is.EqualTo(0.03885224575777349706112716658m).Within(1e-22m));
        Assert.That(result.Values.Sum(), Is.EqualTo(0.034m).Within(1e-22m));
    }

    [Test]
    public void RawContributions_WithoutSmoothing_DoNotSumToTheLinkedReturn()
    {
        var raw = 0.06m + ((-6.6m + 4m) / 106m);

        Assert.That(Math.Abs(raw - 0.034m), Is.GreaterThan(0.0001m));
    }
}
