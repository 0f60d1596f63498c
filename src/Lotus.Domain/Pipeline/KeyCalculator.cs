using Lotus.Domain.Cashflows;
using Lotus.Domain.Cost;
using Lotus.Domain.MarketData;
using Lotus.Domain.Positions;
using Lotus.Domain.Reference;

namespace Lotus.Domain.Pipeline;

/// <summary>
/// Cost basis, position history and cashflows of one (portfolio, security) key. A back-dated change is
/// handled by <see cref="RecomputeFrom"/>: restart from the checkpoint just before the affected date with
/// the key's transactions on or after it; the result equals <see cref="Recompute"/> of everything.
/// </summary>
public static class KeyCalculator
{
    /// <summary>Full recompute of a key from its transactions in any order.</summary>
    public static KeyResult Recompute(Portfolio portfolio, Instrument instrument, IEnumerable<Transaction> transactions, IFxSource fx)
    {
        var ordered = TransactionTimeline.For(instrument).Sort(transactions);
        return Run(portfolio, instrument, ordered, fx, KeyCheckpoint.Empty(portfolio.CostBasisMethod));
    }

    /// <summary>
    /// Recomputes from <paramref name="fromDate"/>: <paramref name="before"/> is the state after every
    /// transaction dated before it (see <see cref="CheckpointBefore"/>), <paramref name="transactionsFromDate"/>
    /// the key's transactions dated on or after it, in any order.
    /// </summary>
    public static KeyResult RecomputeFrom(
        Portfolio portfolio,
        Instrument instrument,
        DateOnly fromDate,
        KeyCheckpoint before,
        IEnumerable<Transaction> transactionsFromDate,
        IFxSource fx)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (before.LastTransaction is { } last && last.TradeDate >= fromDate)
        {
            throw new ArgumentException($"checkpoint already contains {last.TransactionId} dated on or after the recompute date", nameof(before));
        }

        var ordered = TransactionTimeline.For(instrument).Sort(transactionsFromDate);
        foreach (var t in ordered)
        {
            if (t.TradeDate < fromDate)
            {
                throw new ArgumentException($"transaction {t.TransactionId} is dated before the recompute date", nameof(transactionsFromDate));
            }
        }

        return Run(portfolio, instrument, ordered, fx, before);
    }

    /// <summary>The state after every transaction of the key dated strictly before <paramref name="date"/>.</summary>
    public static KeyCheckpoint CheckpointBefore(Portfolio portfolio, Instrument instrument, IEnumerable<Transaction> transactions, DateOnly date, IFxSource fx)
    {
        var prefix = TransactionTimeline.For(instrument).Sort(transactions.Where(t => t.TradeDate < date));
        return Run(portfolio, instrument, prefix, fx, KeyCheckpoint.Empty(portfolio.CostBasisMethod)).End;
    }

    /// <summary>Applies <paramref name="ordered"/> (timeline order) after <paramref name="start"/>.</summary>
    public static KeyResult Run(Portfolio portfolio, Instrument instrument, ReadOnlySpan<Transaction> ordered, IFxSource fx, KeyCheckpoint start)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(start);
        if (start.LastTransaction is { } last && ordered.Length > 0
            && TransactionTimeline.For(instrument).Compare(last, ordered[0]) >= 0)
        {
            throw new ArgumentException($"{ordered[0].TransactionId} does not sort after the checkpoint's last transaction {last.TransactionId}", nameof(ordered));
        }

        var book = start.CopyBook();
        var costed = new CostedTransaction[ordered.Length];
        CostEngine.Run(portfolio, instrument, ordered, fx, book, costed);

        var history = new PositionHistoryRow[ordered.Length];
        var cashflows = new Cashflow[ordered.Length];
        var position = start.Position;
        var isCash = instrument.IsCash;
        for (var i = 0; i < ordered.Length; i++)
        {
            var t = ordered[i];
            position = PositionReducer.Apply(position, costed[i], isCash);
            history[i] = new PositionHistoryRow(t.PortfolioId, t.SecurityId, t.TransactionId, t.TradeDate, position.Quantity, position.CostBasis, position.CostBasisLocal);
            cashflows[i] = CashflowCalculator.Calculate(t);
        }

        var end = new KeyCheckpoint(book, position, ordered.Length > 0 ? ordered[^1] : start.LastTransaction);
        return new KeyResult(costed, history, cashflows, end);
    }
}
