using Lotus.Domain.Cost.Internal;
using Lotus.Domain.Internal;
using Lotus.Domain.MarketData;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;

namespace Lotus.Domain.Cost;

/// <summary>
/// Cost basis and realized P&amp;L for one (portfolio, security) key (semantics 2). One pass over the
/// timeline, O(1) amortised work per transaction for both FIFO and AVCO, no allocation per transaction
/// beyond lots that are opened.
/// </summary>
public static class CostEngine
{
    /// <summary>Full rebuild of a key from an empty book; <paramref name="transactions"/> may be in any order.</summary>
    public static CostedTransaction[] Run(Portfolio portfolio, Instrument instrument, IEnumerable<Transaction> transactions, IFxSource fx)
    {
        var ordered = TransactionTimeline.For(instrument).Sort(transactions);
        var output = new CostedTransaction[ordered.Length];
        Run(portfolio, instrument, ordered, fx, CostBook.Create(portfolio.CostBasisMethod), output);
        return output;
    }

    /// <summary>
    /// Applies <paramref name="ordered"/> (timeline order, see <see cref="TransactionTimeline"/>) to
    /// <paramref name="book"/>, writing one result per transaction into <paramref name="output"/>.
    /// Any error fails the whole run, as in the original (semantics 2.1).
    /// </summary>
    public static void Run(Portfolio portfolio, Instrument instrument, ReadOnlySpan<Transaction> ordered, IFxSource fx, CostBook book, Span<CostedTransaction> output)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(fx);
        ArgumentNullException.ThrowIfNull(book);
        if (output.Length < ordered.Length)
        {
            throw new ArgumentException("output is shorter than the transactions", nameof(output));
        }

        if (book.Method != portfolio.CostBasisMethod)
        {
            throw new ArgumentException($"book is {book.Method} but portfolio {portfolio.PortfolioId} uses {portfolio.CostBasisMethod}", nameof(book));
        }

        var timeline = TransactionTimeline.For(instrument);
        var isCash = instrument.IsCash;
        var rates = new FxResolver(fx, portfolio.BaseCurrency);
        Transaction? previous = null;
        for (var i = 0; i < ordered.Length; i++)
        {
            var t = ordered[i];
            CheckKey(portfolio, instrument, t);
            if (previous is not null && timeline.Compare(previous, t) >= 0)
            {
                throw new ArgumentException($"transactions are not in timeline order at {t.TransactionId}", nameof(ordered));
            }

            TransactionValidator.ValidateCommon(t);
            output[i] = CostStrategies.Apply(t, isCash, rates.Resolve(t), book);
            previous = t;
        }
    }

    private static void CheckKey(Portfolio portfolio, Instrument instrument, Transaction t)
    {
        if (!string.Equals(t.PortfolioId, portfolio.PortfolioId, StringComparison.Ordinal))
        {
            throw new DomainValidationException("portfolio_id", $"Transaction {t.TransactionId} belongs to {t.PortfolioId}, not {portfolio.PortfolioId}");
        }

        if (!string.Equals(t.SecurityId, instrument.SecurityId, StringComparison.Ordinal))
        {
            throw new DomainValidationException("security_id", $"Transaction {t.TransactionId} is on {t.SecurityId}, not {instrument.SecurityId}");
        }
    }

    /// <summary>
    /// trade currency -> base rate on or before the trade date; the table rate overrides a supplied
    /// transaction_fx_rate; same currency is always 1 (semantics 2.2, decision D6). Remembers the last answer
    /// because a timeline visits dates in order.
    /// </summary>
    private struct FxResolver(IFxSource source, CurrencyCode baseCurrency)
    {
        private CurrencyCode _lastCurrency;
        private DateOnly _lastDate;
        private decimal _lastRate;

        public decimal Resolve(Transaction t)
        {
            var currency = t.TradeCurrency;
            if (currency == baseCurrency)
            {
                return 1m;
            }

            var date = t.TradeDate;
            if (_lastRate != 0m && currency == _lastCurrency && date == _lastDate)
            {
                return _lastRate;
            }

            if (!source.TryGetLatestOnOrBefore(currency, baseCurrency, date, out var rate))
            {
                throw new MissingMarketDataException(
                    "trade_currency",
                    $"No FX rate {currency}/{baseCurrency} on or before {Inv.S(date)} for transaction {t.TransactionId}");
            }

            _lastCurrency = currency;
            _lastDate = date;
            _lastRate = rate.Rate;
            return rate.Rate;
        }
    }
}
