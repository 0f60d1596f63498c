using Lotus.Storage.Analytics;

namespace Lotus.Host.Services.Analytics;

/// <summary>
/// Everything a timeseries traversal resolves once: the portfolio, the window, the pinned data version
/// (from the page token when resuming, else the version known on as_of_date), the reporting currency,
/// the expected business dates, the whole-window summary, the security scope and the cash flows.
/// </summary>
public sealed class TimeseriesContext
{
    private TimeseriesContext(TimeseriesQuery query, AnalyticsPortfolio portfolio, ResolvedWindow window, PinnedVersion version, KeysetCursor? cursor, FxTable fx)
    {
        Query = query;
        Portfolio = portfolio;
        Window = window;
        Version = version;
        Cursor = cursor;
        Fx = fx;
        ReportingCurrency = query.ReportingCurrency ?? portfolio.BaseCurrency;
    }

    public TimeseriesQuery Query { get; }

    public AnalyticsPortfolio Portfolio { get; }

    public ResolvedWindow Window { get; }

    public PinnedVersion Version { get; }

    public KeysetCursor? Cursor { get; }

    public FxTable Fx { get; }

    public string ReportingCurrency { get; }

    /// <summary>The business-date calendar of the resolved window.</summary>
    public string CalendarId { get; private set; } = string.Empty;

    /// <summary>Business dates of the window from the open date on (to the close date), ascending.</summary>
    public IReadOnlyList<DateOnly> ExpectedDates { get; private set; } = [];

    public WindowSummary Summary { get; private set; } = new([], new Dictionary<string, int>(), 0, 0, 0);

    /// <summary>Securities in scope (null = all) after security, position and dimension filters.</summary>
    public IReadOnlyCollection<string>? SecurityScope { get; private set; }

    public IReadOnlyDictionary<string, InstrumentRow> Instruments { get; private set; } = new Dictionary<string, InstrumentRow>(StringComparer.Ordinal);

    /// <summary>Position-view flows by (security, date).</summary>
    public ILookup<(string SecurityId, DateOnly Date), CashFlowRow> PositionFlows { get; private set; } = Array.Empty<CashFlowRow>().ToLookup(f => (f.SecurityId, f.CashFlowDate));

    /// <summary>Portfolio flows by date.</summary>
    public ILookup<DateOnly, CashFlowRow> PortfolioFlows { get; private set; } = Array.Empty<CashFlowRow>().ToLookup(f => f.CashFlowDate);

    /// <summary>Dates with an external portfolio flow (continuity rules).</summary>
    public IReadOnlySet<DateOnly> ExternalFlowDates { get; private set; } = new HashSet<DateOnly>();

    public DateOnly? PerformanceEndDate { get; private set; }

    /// <summary>Every portfolio day of the window (portfolio family only).</summary>
    public IReadOnlyList<PortfolioDayRow>? PortfolioDays { get; private set; }

    public bool EmptyScope => SecurityScope is { Count: 0 };

    public static async Task<TimeseriesContext> ResolveAsync(
        TimeseriesQuery query, IAnalyticsStore store, AnalyticsPageTokenCodec tokens, AnalyticsOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tokens);
        var product = query.SourceProduct;
        var portfolio = await store.GetPortfolioAsync(query.PortfolioId, cancellationToken).ConfigureAwait(false);
        if (portfolio is null
            || (query.TenantId.Length > 0 && portfolio.TenantId is { Length: > 0 } tenant && !string.Equals(tenant, query.TenantId, StringComparison.Ordinal)))
        {
            throw AnalyticsErrors.Create(AnalyticsErrorClass.ResourceNotFound, $"Portfolio '{query.PortfolioId}' not found", product);
        }

        var (window, error) = WindowResolver.Resolve(query.AsOfDate, query.WindowStart, query.WindowEnd, query.Period, portfolio.OpenDate);
        if (error is { } e)
        {
            throw AnalyticsErrors.InvalidField(e.Field, e.Message, product);
        }

        PinnedVersion version;
        KeysetCursor? cursor = null;
        if (query.PageToken.Length > 0)
        {
            var token = tokens.Decode(query.PageToken, query.Fingerprint, product);
            version = await store.GetVersionAsync(query.PortfolioId, token.DataVersion, cancellationToken).ConfigureAwait(false)
                ?? (token.DataVersion == 0 ? new PinnedVersion(0, null) : throw AnalyticsErrors.InvalidField("page.page_token", "names a data version this portfolio does not have", product));
            cursor = new KeysetCursor(token.ValuationDate, token.SecurityId);
        }
        else
        {
            version = await store.ResolveVersionAsync(query.PortfolioId, query.AsOfDate, cancellationToken).ConfigureAwait(false);
        }

        var context = new TimeseriesContext(query, portfolio, window, version, cursor, new FxTable(store, window.End, product));
        await context.LoadAsync(store, options, cancellationToken).ConfigureAwait(false);
        return context;
    }

    private async Task LoadAsync(IAnalyticsStore store, AnalyticsOptions options, CancellationToken cancellationToken)
    {
        CalendarId = options.CalendarId;
        var first = Window.Start < Portfolio.OpenDate ? Portfolio.OpenDate : Window.Start;
        var last = Portfolio.CloseDate is { } close && close < Window.End ? close : Window.End;
        ExpectedDates = first <= last
            ? await store.GetBusinessDatesAsync(options.CalendarId, first, last, cancellationToken).ConfigureAwait(false)
            : [];

        if (Query.Positions)
        {
            await ResolveScopeAsync(store, cancellationToken).ConfigureAwait(false);
        }

        if (!Query.Positions && Version.Version > 0 && Window.Start <= Window.End)
        {
            // One row per date: the whole window is small, read once for the summary and every page.
            var days = new List<PortfolioDayRow>();
            await foreach (var day in store.ReadPortfolioDaysAsync(Query.PortfolioId, Version.Version, Window.Start, Window.End, null, 0, cancellationToken).ConfigureAwait(false))
            {
                days.Add(day);
            }

            PortfolioDays = days;
            Summary = new WindowSummary(
                days.Select(d => d.ValuationDate).ToList(),
                days.GroupBy(d => ValuationStatuses.Of(d.Restated, d.UnvaluedPositionCount > 0 || d.EodMarketValue is null)).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
                days.Count(d => d.MaxPriceStalenessDays > 0),
                days.Count == 0 ? 0 : days.Max(d => d.MaxPriceStalenessDays),
                days.Count,
                1);
        }
        else
        {
            Summary = EmptyScope || Version.Version == 0 || Window.Start > Window.End
                ? new WindowSummary([], new Dictionary<string, int>(), 0, 0, 0)
                : await store.SummarizeAsync(Query.PortfolioId, Version.Version, Window.Start, Window.End, Query.Positions, SecurityScope, cancellationToken).ConfigureAwait(false);
        }

        if (Version.Version > 0 && (Query.IncludeCashFlows || Query.Positions))
        {
            var flows = await store.ReadCashFlowsAsync(Query.PortfolioId, Version.Version, Window.Start, Window.End, cancellationToken).ConfigureAwait(false);
            PositionFlows = flows.Where(f => f.IsPositionFlow).ToLookup(f => (f.SecurityId, f.CashFlowDate));
            PortfolioFlows = flows.Where(f => f.IsPortfolioFlow).ToLookup(f => f.CashFlowDate);
            ExternalFlowDates = flows
                .Where(f => f.IsPortfolioFlow && CashFlowTyping.Classify(f.Classification, f.IsPositionFlow, f.IsPortfolioFlow).Scope == "external")
                .Select(f => f.CashFlowDate)
                .ToHashSet();
        }

        if (!Query.Positions && Version.Version > 0)
        {
            PerformanceEndDate = await store.GetPerformanceEndDateAsync(Query.PortfolioId, Version.Version, Query.AsOfDate, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ResolveScopeAsync(IAnalyticsStore store, CancellationToken cancellationToken)
    {
        var instruments = Version.Version > 0
            ? await store.GetPortfolioInstrumentsAsync(Query.PortfolioId, Version.Version, cancellationToken).ConfigureAwait(false)
            : [];
        Instruments = instruments.ToDictionary(i => i.SecurityId, StringComparer.Ordinal);

        HashSet<string>? scope = null;
        void Narrow(IEnumerable<string> allowed)
        {
            var set = allowed.ToHashSet(StringComparer.Ordinal);
            if (scope is null)
            {
                scope = set;
            }
            else
            {
                scope.IntersectWith(set);
            }
        }

        if (Query.SecurityIds.Count > 0)
        {
            Narrow(Query.SecurityIds);
        }

        if (Query.PositionIds.Count > 0)
        {
            Narrow(Query.PositionIds.Select(p => p[(Query.PortfolioId.Length + 1)..]));
        }

        foreach (var filter in Query.DimensionFilters)
        {
            var values = filter.Values.ToHashSet(StringComparer.Ordinal);
            Narrow(Instruments.Values.Where(i => values.Contains(DimensionLabel(i, filter.Dimension))).Select(i => i.SecurityId));
        }

        SecurityScope = scope;
    }

    /// <summary>The canonical label of a dimension ("UNCLASSIFIED" when the instrument has none).</summary>
    public static string DimensionLabel(InstrumentRow? instrument, string dimension)
    {
        var value = dimension switch
        {
            "asset_class" => instrument?.AssetClass,
            "sector" => instrument?.Sector,
            "country" => instrument?.CountryOfRisk,
            _ => null,
        };
        return string.IsNullOrEmpty(value) ? "UNCLASSIFIED" : value;
    }
}
