using Lotus.Domain;
using Lotus.Domain.Cashflows;
using Lotus.Domain.Cost;
using Lotus.Domain.MarketData;
using Lotus.Domain.Pipeline;
using Lotus.Domain.Positions;
using Lotus.Domain.Reference;
using Lotus.Domain.Timeseries;
using Lotus.Domain.Valuation;

namespace Lotus.Calculators.Internal;

/// <summary>
/// Everything of one (portfolio, security) key, recomputed in memory from all its transactions:
/// costs, history, cashflows (timeline order), valuations on the date grid and the position timeseries.
/// A transaction the domain refuses is recorded as failed and left out; the rest still computes.
/// </summary>
internal sealed class KeyOutcome
{
    public required string SecurityId { get; init; }

    public Instrument? Instrument { get; init; }

    public List<CostedTransaction> Costed { get; } = [];

    public List<PositionHistoryRow> History { get; } = [];

    public List<Cashflow> Cashflows { get; } = [];

    /// <summary>transaction_id -> (trade date, reason) of refused transactions.</summary>
    public Dictionary<string, (DateOnly Date, string Reason)> Failures { get; } = new(StringComparer.Ordinal);

    public PositionValuation[] Valuations { get; private set; } = [];

    public PositionSeries? Series { get; private set; }

    public static KeyOutcome Compute(
        Portfolio portfolio,
        string securityId,
        Instrument? instrument,
        List<Transaction> transactions,
        IReadOnlyList<DateOnly> businessDates,
        IPriceSource prices,
        IFxSource fx,
        ValuationOptions options)
    {
        var outcome = new KeyOutcome { SecurityId = securityId, Instrument = instrument };
        if (instrument is null)
        {
            foreach (var t in transactions)
            {
                outcome.Failures[t.TransactionId] = (t.TradeDate, $"instrument '{securityId}' is not known yet");
            }

            return outcome;
        }

        Transaction[] ordered;
        try
        {
            ordered = TransactionTimeline.For(instrument).Sort(transactions);
        }
        catch (DomainException ex)
        {
            foreach (var t in transactions)
            {
                outcome.Failures[t.TransactionId] = (t.TradeDate, ex.Message);
            }

            return outcome;
        }

        outcome.Run(portfolio, instrument, ordered, fx);
        outcome.Value(portfolio, instrument, businessDates, prices, fx, options);
        return outcome;
    }

    private void Run(Portfolio portfolio, Instrument instrument, Transaction[] ordered, IFxSource fx)
    {
        try
        {
            var all = KeyCalculator.Run(portfolio, instrument, ordered, fx, KeyCheckpoint.Empty(portfolio.CostBasisMethod));
            Costed.AddRange(all.Costed);
            History.AddRange(all.History);
            Cashflows.AddRange(all.Cashflows);
            return;
        }
        catch (DomainException)
        {
            // Fall through: find the refused transactions one at a time (rare path).
        }

        var checkpoint = KeyCheckpoint.Empty(portfolio.CostBasisMethod);
        foreach (var t in ordered)
        {
            try
            {
                var one = KeyCalculator.Run(portfolio, instrument, new[] { t }, fx, checkpoint);
                Costed.Add(one.Costed[0]);
                History.Add(one.History[0]);
                Cashflows.Add(one.Cashflows[0]);
                checkpoint = one.End;
            }
            catch (DomainException ex)
            {
                Failures[t.TransactionId] = (t.TradeDate, ex.Message);
            }
        }
    }

    private void Value(Portfolio portfolio, Instrument instrument, IReadOnlyList<DateOnly> businessDates, IPriceSource prices, IFxSource fx, ValuationOptions options)
    {
        if (History.Count == 0)
        {
            Series = new PositionSeries(SecurityId, instrument.Currency, [], []);
            return;
        }

        var first = History[0].PositionDate;
        var last = businessDates.Count > 0 ? businessDates[^1] : first;
        var events = new List<DateOnly>(History.Count * 2);
        foreach (var h in History)
        {
            events.Add(h.PositionDate);
            if (h.PositionDate > last)
            {
                last = h.PositionDate;
            }
        }

        foreach (var c in Cashflows)
        {
            events.Add(c.CashflowDate);
            if (c.CashflowDate > last)
            {
                last = c.CashflowDate;
            }
        }

        var grid = ValuationGrid.Build(businessDates, first, last, events);
        Valuations = PositionValuator.ValueSeries(portfolio, instrument, History.ToArray(), grid, prices, fx, options);
        var (rows, gaps) = PositionTimeseriesBuilder.Build(Valuations, Cashflows);
        Series = new PositionSeries(SecurityId, instrument.Currency, rows, gaps);
    }
}
