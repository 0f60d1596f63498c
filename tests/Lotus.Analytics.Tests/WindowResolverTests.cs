using Lotus.Host.Services.Analytics;

namespace Lotus.Analytics.Tests;

[TestFixture]
public sealed class WindowResolverTests
{
    private static readonly DateOnly AsOf = new(2025, 6, 30);
    private static readonly DateOnly Open = new(2020, 1, 15);

    [TestCase("one_month", "2025-05-30")]
    [TestCase("three_months", "2025-03-30")]
    [TestCase("ytd", "2025-01-01")]
    [TestCase("one_year", "2024-06-30")]
    [TestCase("three_years", "2022-07-01")]
    [TestCase("five_years", "2020-07-01")]
    [TestCase("inception", "2020-01-15")]
    public void Period_CountsBackFromAsOf(string period, string expectedStart)
    {
        var (window, error) = WindowResolver.Resolve(AsOf, null, null, period, Open);
        Assert.That(error, Is.Null);
        Assert.That(window, Is.EqualTo(new ResolvedWindow(DateOnly.Parse(expectedStart, System.Globalization.CultureInfo.InvariantCulture), AsOf)));
    }

    [Test]
    public void PeriodBeforeOpenDate_StartClampedToOpenDate()
    {
        var (window, _) = WindowResolver.Resolve(new DateOnly(2021, 1, 1), null, null, "five_years", Open);
        Assert.That(window.Start, Is.EqualTo(Open));
    }

    [Test]
    public void ExplicitWindowEndAfterAsOf_ClampedToAsOf()
    {
        var (window, error) = WindowResolver.Resolve(AsOf, new DateOnly(2025, 6, 1), new DateOnly(2025, 12, 31), null, Open);
        Assert.That(error, Is.Null);
        Assert.That(window, Is.EqualTo(new ResolvedWindow(new DateOnly(2025, 6, 1), AsOf)));
    }

    [Test]
    public void ExplicitWindowStartAfterAsOf_IsInvalid()
    {
        var (_, error) = WindowResolver.Resolve(AsOf, new DateOnly(2025, 7, 1), new DateOnly(2025, 9, 30), null, Open);
        Assert.That(error?.Field, Is.EqualTo("window.start_date"));
    }

    [Test]
    public void ExplicitWindowBeforeOpenDate_ResolvesUnclamped()
    {
        var (window, error) = WindowResolver.Resolve(AsOf, new DateOnly(1900, 1, 1), new DateOnly(1900, 3, 31), null, Open);
        Assert.That(error, Is.Null);
        Assert.That(window, Is.EqualTo(new ResolvedWindow(new DateOnly(1900, 1, 1), new DateOnly(1900, 3, 31))));
    }

    [Test]
    public void StartAfterEnd_IsInvalid()
    {
        var (_, error) = WindowResolver.Resolve(AsOf, new DateOnly(2025, 3, 1), new DateOnly(2025, 2, 1), null, Open);
        Assert.That(error, Is.Not.Null);
    }

    [Test]
    public void UnknownPeriod_IsInvalid()
    {
        var (_, error) = WindowResolver.Resolve(AsOf, null, null, "two_weeks", Open);
        Assert.That(error?.Field, Is.EqualTo("period"));
    }
}
