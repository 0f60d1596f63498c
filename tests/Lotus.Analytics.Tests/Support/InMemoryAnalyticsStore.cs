using System.Runtime.CompilerServices;
using Lotus.Storage.Analytics;

namespace Lotus.Analytics.Tests.Support;

/// <summary>
/// A versioned in-memory <see cref="IAnalyticsStore"/> with the calculated-state rules of
/// CALCULATORS-DESIGN: each commit is a new data version; a committed row supersedes the key's current
/// row (valid_to) and older rows stay readable at older versions. Portfolio days are the sums of the
/// visible position days (base = local x row FX).
/// </summary>
public sealed class InMemoryAnalyticsStore : IAnalyticsStore
{
    private readonly Dictionary<string, AnalyticsPortfolio> _portfolios = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(long Version, DateOnly Known, DateTimeOffset At)>> _versions = new(StringComparer.Ordinal);
    private readonly List<(string Portfolio, PositionDayRow Row, long From, long? To)> _rows = [];
    private readonly List<(string Portfolio, CashFlowRow Flow, long From, long? To)> _flows = [];
    private readonly List<DateOnly> _businessDates = [];
    private readonly Dictionary<string, InstrumentRow> _instruments = new(StringComparer.Ordinal);
    private readonly List<FxRateRow> _fx = [];

    /// <summary>When set, every read throws it (SOURCE_UNAVAILABLE tests).</summary>
    public Exception? Failure { get; set; }

    public void AddPortfolio(AnalyticsPortfolio portfolio) => _portfolios[portfolio.PortfolioId] = portfolio;

    public void AddBusinessDates(IEnumerable<DateOnly> dates) => _businessDates.AddRange(dates);

    public void AddInstrument(InstrumentRow instrument) => _instruments[instrument.SecurityId] = instrument;

    public void AddFx(FxRateRow rate) => _fx.Add(rate);

    /// <summary>Commits a new version of the portfolio: these rows and flows replace the keys' current ones.</summary>
    public long Commit(string portfolioId, DateOnly businessDateKnown, IEnumerable<PositionDayRow> rows, IEnumerable<CashFlowRow>? flows = null)
    {
        var versions = _versions.TryGetValue(portfolioId, out var list) ? list : _versions[portfolioId] = [];
        var version = versions.Count + 1L;
        versions.Add((version, businessDateKnown, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(version)));
        foreach (var row in rows)
        {
            var index = _rows.FindIndex(r => r.Portfolio == portfolioId && r.To is null && r.Row.SecurityId == row.SecurityId && r.Row.ValuationDate == row.ValuationDate);
            var restated = index >= 0;
            if (restated)
            {
                _rows[index] = _rows[index] with { To = version };
            }

            _rows.Add((portfolioId, row with { ValidFrom = version, Restated = restated }, version, null));
        }

        foreach (var flow in flows ?? [])
        {
            var index = _flows.FindIndex(f => f.Portfolio == portfolioId && f.To is null && f.Flow.TransactionId == flow.TransactionId);
            if (index >= 0)
            {
                _flows[index] = _flows[index] with { To = version };
            }

            _flows.Add((portfolioId, flow, version, null));
        }

        return version;
    }

    public Task<AnalyticsPortfolio?> GetPortfolioAsync(string portfolioId, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        return Task.FromResult(_portfolios.GetValueOrDefault(portfolioId));
    }

    public Task<PinnedVersion> ResolveVersionAsync(string portfolioId, DateOnly asOfDate, CancellationToken cancellationToken)
    {
        var versions = _versions.GetValueOrDefault(portfolioId) ?? [];
        var match = versions.Where(v => v.Known <= asOfDate).OrderByDescending(v => v.Version).FirstOrDefault();
        if (match.Version == 0 && versions.Count > 0)
        {
            match = versions[0];
        }

        return Task.FromResult(match is { Version: > 0 } m ? new PinnedVersion(m.Version, m.At) : new PinnedVersion(0, null));
    }

    public Task<PinnedVersion?> GetVersionAsync(string portfolioId, long version, CancellationToken cancellationToken)
    {
        var match = _versions.GetValueOrDefault(portfolioId)?.FirstOrDefault(v => v.Version == version);
        return Task.FromResult(match is { Version: > 0 } m ? new PinnedVersion(m.Version, m.At) : (PinnedVersion?)null);
    }

    public Task<IReadOnlyList<DateOnly>> GetBusinessDatesAsync(string calendarId, DateOnly start, DateOnly end, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<DateOnly>>(_businessDates.Where(d => d >= start && d <= end).Order().ToList());

    public async IAsyncEnumerable<PortfolioDayRow> ReadPortfolioDaysAsync(string portfolioId, long version, DateOnly start, DateOnly end, DateOnly? after, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        var days = PortfolioDays(portfolioId, version).Where(d => d.ValuationDate >= start && d.ValuationDate <= end && (after is null || d.ValuationDate > after));
        foreach (var day in limit > 0 ? days.Take(limit) : days)
        {
            await Task.Yield();
            yield return day;
        }
    }

    public async IAsyncEnumerable<PositionDayRow> ReadPositionDaysAsync(string portfolioId, long version, DateOnly start, DateOnly end, KeysetCursor? after, IReadOnlyCollection<string>? securityIds, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        var rows = Visible(portfolioId, version)
            .Where(r => r.ValuationDate >= start && r.ValuationDate <= end)
            .Where(r => securityIds is null || securityIds.Contains(r.SecurityId))
            .Where(r => after is not { } c || r.ValuationDate > c.ValuationDate || (r.ValuationDate == c.ValuationDate && string.CompareOrdinal(r.SecurityId, c.SecurityId) > 0));
        foreach (var row in limit > 0 ? rows.Take(limit) : rows)
        {
            await Task.Yield();
            yield return row;
        }
    }

    public Task<IReadOnlyDictionary<string, decimal?>> ReadPriorEodAsync(string portfolioId, long version, IReadOnlyList<(string SecurityId, DateOnly Before)> keys, CancellationToken cancellationToken)
    {
        var visible = Visible(portfolioId, version).ToList();
        var result = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        foreach (var (security, before) in keys)
        {
            var prior = visible.Where(r => r.SecurityId == security && r.ValuationDate < before).MaxBy(r => r.ValuationDate);
            if (prior is not null)
            {
                result[security] = prior.EodMarketValueLocal;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, decimal?>>(result);
    }

    public Task<IReadOnlyList<CashFlowRow>> ReadCashFlowsAsync(string portfolioId, long version, DateOnly start, DateOnly end, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<CashFlowRow>>(_flows
            .Where(f => f.Portfolio == portfolioId && f.From <= version && (f.To is null || f.To > version))
            .Select(f => f.Flow)
            .Where(f => f.CashFlowDate >= start && f.CashFlowDate <= end)
            .OrderBy(f => f.CashFlowDate).ThenBy(f => f.TransactionId, StringComparer.Ordinal)
            .ToList());

    public Task<WindowSummary> SummarizeAsync(string portfolioId, long version, DateOnly start, DateOnly end, bool positions, IReadOnlyCollection<string>? securityIds, CancellationToken cancellationToken)
    {
        ThrowIfFailing();
        if (positions)
        {
            var rows = Visible(portfolioId, version).Where(r => r.ValuationDate >= start && r.ValuationDate <= end && (securityIds is null || securityIds.Contains(r.SecurityId))).ToList();
            return Task.FromResult(new WindowSummary(
                rows.Select(r => r.ValuationDate).Distinct().Order().ToList(),
                rows.GroupBy(r => ValuationStatuses.Of(r.Restated, r.EodMarketValueLocal is null)).ToDictionary(g => g.Key, g => g.Count()),
                rows.Count(r => r.PriceStalenessDays > 0),
                rows.Select(r => r.PriceStalenessDays).DefaultIfEmpty(0).Max(),
                rows.Count,
                rows.GroupBy(r => r.ValuationDate).Select(g => g.Count()).DefaultIfEmpty(0).Max()));
        }

        var days = PortfolioDays(portfolioId, version).Where(d => d.ValuationDate >= start && d.ValuationDate <= end).ToList();
        return Task.FromResult(new WindowSummary(
            days.Select(d => d.ValuationDate).ToList(),
            days.GroupBy(d => ValuationStatuses.Of(d.Restated, d.UnvaluedPositionCount > 0)).ToDictionary(g => g.Key, g => g.Count()),
            days.Count(d => d.MaxPriceStalenessDays > 0),
            days.Select(d => d.MaxPriceStalenessDays).DefaultIfEmpty(0).Max(),
            days.Count,
            1));
    }

    public Task<DateOnly?> GetPerformanceEndDateAsync(string portfolioId, long version, DateOnly asOfDate, CancellationToken cancellationToken)
        => Task.FromResult(Visible(portfolioId, version).Where(r => r.ValuationDate <= asOfDate).Select(r => (DateOnly?)r.ValuationDate).Max());

    public Task<IReadOnlyList<FxRateRow>> ReadFxRatesAsync(string fromCurrency, string toCurrency, DateOnly start, DateOnly end, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<FxRateRow>>(_fx.Where(r => r.FromCurrency == fromCurrency && r.ToCurrency == toCurrency && r.RateDate >= start && r.RateDate <= end).ToList());

    public Task<IReadOnlyList<InstrumentRow>> GetInstrumentsAsync(IReadOnlyCollection<string> securityIds, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<InstrumentRow>>(securityIds.Where(_instruments.ContainsKey).Select(id => _instruments[id]).ToList());

    public Task<IReadOnlyList<InstrumentRow>> GetPortfolioInstrumentsAsync(string portfolioId, long version, CancellationToken cancellationToken)
        => Task.FromResult<IReadOnlyList<InstrumentRow>>(Visible(portfolioId, version).Select(r => r.SecurityId).Distinct().Where(_instruments.ContainsKey).Select(id => _instruments[id]).ToList());

    /// <summary>The rows a direct query at the version returns, in keyset order.</summary>
    public IEnumerable<PositionDayRow> Visible(string portfolioId, long version)
        => _rows.Where(r => r.Portfolio == portfolioId && r.From <= version && (r.To is null || r.To > version))
            .Select(r => r.Row)
            .OrderBy(r => r.ValuationDate).ThenBy(r => r.SecurityId, StringComparer.Ordinal);

    public IEnumerable<PortfolioDayRow> PortfolioDays(string portfolioId, long version)
        => Visible(portfolioId, version).GroupBy(r => r.ValuationDate).Select(g => new PortfolioDayRow(
            g.Key,
            g.Any(r => r.BodMarketValueLocal is null) ? null : g.Sum(r => r.BodMarketValueLocal!.Value * (r.PositionToPortfolioFxRate ?? 1m)),
            g.Any(r => r.EodMarketValueLocal is null) ? null : g.Sum(r => r.EodMarketValueLocal!.Value * (r.PositionToPortfolioFxRate ?? 1m)),
            g.Count(),
            g.Count(r => r.EodMarketValueLocal is null),
            g.Max(r => r.PriceStalenessDays),
            g.Any(r => r.Restated),
            g.Max(r => r.ValidFrom)));

    private void ThrowIfFailing()
    {
        if (Failure is { } failure)
        {
            throw failure;
        }
    }
}
