using Lotus.Messaging;
using Lotus.Storage.Calculated;
using Npgsql;
using Proto = Lotus.Core.V1;

namespace Lotus.Calculators;

/// <summary>
/// The ingestion side of the calculators: collects the canonical records of one write and, inside the
/// write's transaction (outbox), appends one <see cref="PortfolioChange"/> per affected portfolio.
/// Transactions restate their key (and, when corrected, the key and date they had before) from the
/// earliest date; prices restate the holders' key from the price date; FX restates every key of
/// portfolios with that base currency exposed to the other currency; GLOBAL business dates restate
/// every portfolio from the date; portfolio records restate the whole portfolio; instrument records
/// restate the key everywhere it is held.
/// </summary>
public sealed class IngestionChangeCollector
{
    private readonly Dictionary<string, PortfolioChange> _changes = new(StringComparer.Ordinal);
    private readonly List<Proto.Transaction> _transactions = [];
    private readonly Dictionary<string, DateOnly> _prices = new(StringComparer.Ordinal);
    private readonly HashSet<string> _instruments = new(StringComparer.Ordinal);
    private readonly Dictionary<(string From, string To), DateOnly> _fx = [];
    private DateOnly? _calendarFrom;

    public void Add(Proto.Transaction t)
    {
        ArgumentNullException.ThrowIfNull(t);
        _transactions.Add(t);
        var date = PortfolioChange.ParseDate(t.TransactionDate);
        var change = For(t.PortfolioId);
        change.AddKey(t.SecurityId, date);
        AddCashKeys(change, t.SettlementCashInstrumentId, t.SettlementCashAccountId, date);
    }

    public void Add(Proto.Portfolio p)
    {
        ArgumentNullException.ThrowIfNull(p);
        For(p.PortfolioId).AddAll(DateOnly.MinValue);
    }

    public void Add(Proto.Instrument i)
    {
        ArgumentNullException.ThrowIfNull(i);
        _instruments.Add(i.SecurityId);
    }

    public void Add(Proto.MarketPrice p)
    {
        ArgumentNullException.ThrowIfNull(p);
        Min(_prices, p.SecurityId, PortfolioChange.ParseDate(p.PriceDate));
    }

    public void Add(Proto.FxRate r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var date = PortfolioChange.ParseDate(r.RateDate);
        var pair = (r.FromCurrency, r.ToCurrency);
        if (!_fx.TryGetValue(pair, out var d) || date < d)
        {
            _fx[pair] = date;
        }
    }

    public void Add(Proto.BusinessDate d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.CalendarCode.Length == 0 || string.Equals(d.CalendarCode, "GLOBAL", StringComparison.Ordinal))
        {
            var date = PortfolioChange.ParseDate(d.BusinessDate_);
            if (_calendarFrom is null || date < _calendarFrom)
            {
                _calendarFrom = date;
            }
        }
    }

    /// <summary>Resolves holders from committed data and appends the events; returns how many.</summary>
    public async Task<int> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IEventLogProducer producer, string? jobId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(producer);
        await ChangeFanOutQueries.LockWritersAsync(connection, transaction, ct).ConfigureAwait(false);
        if (_transactions.Count > 0)
        {
            var ids = _transactions.Select(t => t.TransactionId).ToArray();
            foreach (var old in await ChangeFanOutQueries.ExistingTransactionsAsync(connection, transaction, ids, ct).ConfigureAwait(false))
            {
                var change = For(old.PortfolioId);
                change.AddKey(old.SecurityId, old.Date);
                AddCashKeys(change, old.CashInstrument, old.CashAccount, old.Date);
            }

            // A correction may move a transaction earlier: the new key restates from the older date too.
            // (Covered above for the old key; the new key uses the new date, which is what changed there.)
        }

        var securities = _prices.Keys.Concat(_instruments).Distinct(StringComparer.Ordinal).ToArray();
        if (securities.Length > 0)
        {
            foreach (var (portfolioId, securityId) in await ChangeFanOutQueries.HoldersAsync(connection, transaction, securities, ct).ConfigureAwait(false))
            {
                var date = _instruments.Contains(securityId) ? DateOnly.MinValue : _prices[securityId];
                For(portfolioId).AddKey(securityId, date);
            }
        }

        foreach (var ((from, to), date) in _fx)
        {
            foreach (var portfolioId in await ChangeFanOutQueries.FxHoldersAsync(connection, transaction, from, to, ct).ConfigureAwait(false))
            {
                For(portfolioId).AddAll(date);
            }
        }

        if (_calendarFrom is { } calendarFrom)
        {
            foreach (var portfolioId in await ChangeFanOutQueries.PortfoliosWithTransactionsAsync(connection, transaction, ct).ConfigureAwait(false))
            {
                For(portfolioId).AddAll(calendarFrom);
            }
        }

        if (_changes.Count == 0)
        {
            return 0;
        }

        var events = new List<OutgoingEvent>(_changes.Count);
        foreach (var change in _changes.Values)
        {
            change.JobId = jobId;
            events.Add(change.ToEvent());
        }

        await producer.AppendAsync(transaction, events, ct).ConfigureAwait(false);
        if (jobId is not null)
        {
            await ChangeFanOutQueries.AddEmittedAsync(connection, transaction, jobId, events.Count, ct).ConfigureAwait(false);
        }

        return events.Count;
    }

    private PortfolioChange For(string portfolioId)
    {
        if (!_changes.TryGetValue(portfolioId, out var change))
        {
            change = new PortfolioChange { PortfolioId = portfolioId };
            _changes.Add(portfolioId, change);
        }

        return change;
    }

    private static void AddCashKeys(PortfolioChange change, string? instrument, string? account, DateOnly date)
    {
        if (!string.IsNullOrEmpty(instrument))
        {
            change.AddKey(instrument, date);
        }

        if (!string.IsNullOrEmpty(account))
        {
            change.AddKey(account, date);
        }
    }

    private static void Min(Dictionary<string, DateOnly> map, string key, DateOnly date)
    {
        if (!map.TryGetValue(key, out var d) || date < d)
        {
            map[key] = date;
        }
    }
}
