using Lotus.Host.Services.Analytics;
using Lotus.Storage.Analytics;

namespace Lotus.Analytics.Tests.Support;

/// <summary>Seeded calculated state: three positions (USD, EUR, cash) over weekdays of 2022-2024.</summary>
public static class Samples
{
    public const string Portfolio = "PF_1";
    public static readonly DateOnly Open = new(2022, 1, 3);
    public static readonly DateOnly Last = new(2024, 12, 31);
    public static readonly string[] Securities = ["AAPL", "CASH_USD", "SAP"];

    public static IEnumerable<DateOnly> Weekdays(DateOnly from, DateOnly to)
    {
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                yield return d;
            }
        }
    }

    public static decimal EurUsd(DateOnly date) => 1.05m + (date.DayNumber % 17) / 1000m;

    public static decimal UsdChf(DateOnly date) => 0.90m + (date.DayNumber % 13) / 1000m;

    public static (AnalyticsInputService Service, InMemoryAnalyticsStore Store, ManualTimeProvider Time, AnalyticsOptions Options) Create(InMemoryAnalyticsStore? store = null, IExportJobStore? exports = null)
    {
        store ??= Seed(new InMemoryAnalyticsStore());
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero));
        var options = AnalyticsOptions.WithRandomKey();
        return (new AnalyticsInputService(store, exports ?? new UnusedExportStore(), options, time), store, time, options);
    }

    public static InMemoryAnalyticsStore Seed(InMemoryAnalyticsStore store, DateOnly? last = null, DateOnly? skipDate = null)
    {
        var end = last ?? Last;
        store.AddPortfolio(new AnalyticsPortfolio(Portfolio, "USD", Open, null, "FIFO", "tenant-a", "CL_1", "ZRH", "DISCRETIONARY", "growth"));
        store.AddBusinessDates(Weekdays(Open, Last));
        store.AddInstrument(new InstrumentRow("AAPL", "USD", "US0378331005", "equity", "technology", "US", "T1", "ISS_AAPL", "Apple Inc", "ISS_AAPL", "Apple Inc"));
        store.AddInstrument(new InstrumentRow("SAP", "EUR", "DE0007164600", "equity", "technology", "DE", "T1", "ISS_SAP", "SAP SE", "ISS_SAP", "SAP SE"));
        store.AddInstrument(new InstrumentRow("CASH_USD", "USD", null, "cash", null, null, "T0", null, null, null, null));
        foreach (var d in Weekdays(Open.AddDays(-10), Last))
        {
            store.AddFx(new FxRateRow("EUR", "USD", d, EurUsd(d), new DateTimeOffset(d.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero)));
            store.AddFx(new FxRateRow("USD", "CHF", d, UsdChf(d), new DateTimeOffset(d.ToDateTime(new TimeOnly(18, 0)), TimeSpan.Zero)));
        }

        store.Commit(Portfolio, end, Rows(Open, end, skipDate), Flows());
        return store;
    }

    public static IEnumerable<PositionDayRow> Rows(DateOnly from, DateOnly to, DateOnly? skipDate = null, decimal bump = 0m)
    {
        var i = 0;
        foreach (var d in Weekdays(from, to))
        {
            i++;
            if (d == skipDate)
            {
                continue;
            }

            yield return Row("AAPL", d, "USD", 10m, Value(150m, i - 1) + bump, Value(150m, i) + bump, 1m);
            yield return Row("CASH_USD", d, "USD", 5000m, i == 1 ? 0m : 5000m, 5000m, 1m);
            yield return Row("SAP", d, "EUR", 20m, Value(120m, i - 1), Value(120m, i), EurUsd(d));
        }
    }

    public static decimal Value(decimal start, int day) => day == 0 ? 0m : start * 10m + day;

    public static PositionDayRow Row(string security, DateOnly date, string currency, decimal quantity, decimal bod, decimal eod, decimal fx)
        => new(security, date, currency, quantity, bod, eod, fx, 0, "VALUED_CURRENT", false, 0, eod * fx, 1000m * fx, 1000m, (eod - 1000m) * fx);

    public static IEnumerable<CashFlowRow> Flows() =>
    [
        new("CASH_USD", "T_DEP", Open, 5000m, "USD", "CASHFLOW_IN", "BOD", true, true),
        new("AAPL", "T_BUY", Open, -1501m, "USD", "INVESTMENT_OUTFLOW", "BOD", true, false),
        new("AAPL", "T_DIV", new DateOnly(2023, 5, 15), 12.5m, "USD", "INCOME", "EOD", true, false),
        new("CASH_USD", "T_FEE", new DateOnly(2023, 6, 30), -25m, "USD", "EXPENSE", "EOD", false, true),
    ];
}

/// <summary>An export store for tests that never touch exports.</summary>
public sealed class UnusedExportStore : IExportJobStore
{
    public Task<(ExportJobRecord Job, ExportDisposition Disposition)> CreateOrGetAsync(ExportJobRecord candidate, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<ExportJobRecord?> GetAsync(string jobId, CancellationToken cancellationToken) => Task.FromResult<ExportJobRecord?>(null);

    public Task<ExportClaim?> ClaimAsync(string owner, TimeSpan lease, CancellationToken cancellationToken) => Task.FromResult<ExportClaim?>(null);

    public Task<bool> AppendChunkAsync(ExportClaim claim, int seq, int rows, ReadOnlyMemory<byte> data, long rowsSoFar, TimeSpan lease, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> CompleteAsync(ExportClaim claim, long rowCount, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<bool> FailAsync(ExportClaim claim, string errorMessage, CancellationToken cancellationToken) => throw new NotSupportedException();

    public IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(string jobId, int attempt, CancellationToken cancellationToken) => throw new NotSupportedException();
}
