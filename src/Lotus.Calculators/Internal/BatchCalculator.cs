using Lotus.Domain;
using Lotus.Domain.MarketData;
using Lotus.Domain.Reference;
using Lotus.Domain.Settlement;
using Lotus.Domain.Valuation;
using Lotus.Domain.Values;
using Lotus.Storage.Calculated;
using Npgsql;

namespace Lotus.Calculators.Internal;

/// <summary>
/// Recomputes the changed portfolios of one batch: one bulk load for all of them, every affected key
/// recomputed fully in memory, and only rows dated on or after each key's restatement date written
/// (under the portfolio's next data version).
/// </summary>
internal sealed class BatchCalculator(ValuationOptions options)
{
    public async Task CalculateAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyDictionary<string, ChangeSet> changes, CalculatedBatch batch, CancellationToken ct)
    {
        var inputs = await CalculatedInputReader.LoadPortfoliosAsync(connection, transaction, changes.Keys.ToArray(), ct).ConfigureAwait(false);
        var plans = new List<PortfolioPlan>();
        foreach (var (portfolioId, change) in changes)
        {
            if (!inputs.Portfolios.TryGetValue(portfolioId, out var row))
            {
                continue; // Transactions may arrive before their portfolio; its own event restates everything.
            }

            inputs.Transactions.TryGetValue(portfolioId, out var rows);
            inputs.Calculated.TryGetValue(portfolioId, out var calculated);
            var plan = PortfolioPlan.Create(row, rows ?? [], change, calculated ?? []);
            if (plan is not null && plan.Affected.Count > 0)
            {
                plans.Add(plan);
            }
        }

        if (plans.Count == 0)
        {
            return;
        }

        var securities = new HashSet<string>(StringComparer.Ordinal);
        var priced = new HashSet<string>(StringComparer.Ordinal);
        var bases = new HashSet<string>(StringComparer.Ordinal);
        foreach (var plan in plans)
        {
            securities.UnionWith(plan.ByKey.Keys);
            securities.UnionWith(plan.Affected.Keys);
            priced.UnionWith(plan.Affected.Keys);
            bases.Add(plan.Portfolio.BaseCurrency.Code);
        }

        var market = await CalculatedInputReader.LoadMarketDataAsync(connection, transaction, securities, priced, bases, ct).ConfigureAwait(false);
        var instruments = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        foreach (var (id, row) in market.Instruments)
        {
            try
            {
                instruments[id] = DomainMapping.ToDomain(row);
            }
            catch (DomainException)
            {
                // An unusable instrument is treated as unknown: its keys fail with a reason.
            }
        }

        var prices = new InMemoryPriceSource(market.Prices.Select(p => new MarketPrice(p.SecurityId, p.PriceDate, p.Price, CurrencyCode.Parse(p.Currency))));
        var fx = new InMemoryFxSource(market.FxRates.Select(r => new FxRate(CurrencyCode.Parse(r.FromCurrency), CurrencyCode.Parse(r.ToCurrency), r.RateDate, r.Rate)));
        foreach (var plan in plans)
        {
            var version = (inputs.Versions.TryGetValue(plan.Portfolio.PortfolioId, out var v) ? v : 0) + 1;
            var isNew = version == 1;
            var outcomes = new Dictionary<string, KeyOutcome>(StringComparer.Ordinal);
            foreach (var securityId in plan.Affected.Keys)
            {
                instruments.TryGetValue(securityId, out var instrument);
                plan.ByKey.TryGetValue(securityId, out var list);
                outcomes[securityId] = KeyOutcome.Compute(plan.Portfolio, securityId, instrument, list ?? [], inputs.BusinessDates, prices, fx, options);
            }

            var seriesFrom = plan.Affected.Values.Min();
            List<PositionDayRow> stored = [];
            var unaffected = plan.ByKey.Keys.Where(k => !plan.Affected.ContainsKey(k)).ToArray();
            if (!isNew && unaffected.Length > 0)
            {
                stored = await CalculatedStateReader.ReadSeriesFromAsync(connection, transaction, plan.Portfolio.PortfolioId, seriesFrom, unaffected, ct).ConfigureAwait(false);
            }

            Emit(plan, outcomes, stored, instruments, fx, seriesFrom, version, isNew, batch);
        }
    }

    private static void Emit(
        PortfolioPlan plan,
        Dictionary<string, KeyOutcome> outcomes,
        List<PositionDayRow> stored,
        Dictionary<string, Instrument> instruments,
        IFxSource fx,
        DateOnly seriesFrom,
        long version,
        bool isNew,
        CalculatedBatch batch)
    {
        var portfolioId = plan.Portfolio.PortfolioId;
        batch.Versions.Add((portfolioId, version));
        if (!isNew)
        {
            foreach (var (securityId, from) in plan.Affected)
            {
                batch.KeyRestatements.Add(new KeyRestatement(portfolioId, securityId, from, version));
            }

            if (plan.Change.AllFrom is { } allFrom)
            {
                batch.PortfolioRestatements.Add(new PortfolioRestatement(portfolioId, allFrom, version));
            }

            batch.PortfolioSeriesRestatements.Add(new PortfolioRestatement(portfolioId, seriesFrom, version));
        }

        foreach (var (securityId, outcome) in outcomes)
        {
            var from = plan.Affected[securityId];
            RowMapping.AddKeyRows(portfolioId, securityId, from, outcome, plan.MappingFailures, version, batch);
        }

        RowMapping.AddPortfolioRows(plan.Portfolio, outcomes, stored, instruments, fx, seriesFrom, version, batch);
    }

    /// <summary>One portfolio's domain transactions per key (with generated cash legs) and its affected keys.</summary>
    private sealed class PortfolioPlan
    {
        public required Portfolio Portfolio { get; init; }

        public required ChangeSet Change { get; init; }

        public Dictionary<string, List<Transaction>> ByKey { get; } = new(StringComparer.Ordinal);

        /// <summary>Transactions the domain cannot even read: (security, id) -> (date, reason).</summary>
        public Dictionary<string, List<(string Id, DateOnly Date, string Reason)>> MappingFailures { get; } = new(StringComparer.Ordinal);

        /// <summary>security_id -> restatement date.</summary>
        public Dictionary<string, DateOnly> Affected { get; } = new(StringComparer.Ordinal);

        public static PortfolioPlan? Create(
            PortfolioRow row, List<TransactionRow> rows, ChangeSet change, List<(string TransactionId, string SecurityId, DateOnly Date)> calculated)
        {
            Portfolio portfolio;
            try
            {
                portfolio = DomainMapping.ToDomain(row);
            }
            catch (DomainException)
            {
                return null;
            }

            var plan = new PortfolioPlan { Portfolio = portfolio, Change = change };
            foreach (var r in rows)
            {
                try
                {
                    var t = DomainMapping.ToDomain(r);
                    Transaction? leg = null;
                    if (SettlementCashLeg.TryCreate(t, out var created))
                    {
                        leg = created;
                    }

                    Add(plan.ByKey, t);
                    if (leg is not null)
                    {
                        Add(plan.ByKey, leg);
                    }
                }
                catch (DomainException ex)
                {
                    if (!plan.MappingFailures.TryGetValue(r.SecurityId, out var failures))
                    {
                        failures = [];
                        plan.MappingFailures.Add(r.SecurityId, failures);
                    }

                    failures.Add((r.TransactionId, r.TransactionDate, ex.Message));
                }
            }

            if (change.AllFrom is { } all)
            {
                foreach (var key in plan.ByKey.Keys.Concat(plan.MappingFailures.Keys))
                {
                    ChangeSet.Add(plan.Affected, key, all);
                }
            }

            foreach (var (key, date) in change.Keys)
            {
                ChangeSet.Add(plan.Affected, key, date);
            }

            // A corrected transaction that moved to another date or security (the event only knows its new
            // place): restate where it was last calculated, from its old date.
            if (calculated.Count > 0)
            {
                var now = new Dictionary<string, (string SecurityId, DateOnly Date)>(StringComparer.Ordinal);
                foreach (var (key, list) in plan.ByKey)
                {
                    foreach (var t in list)
                    {
                        now[t.TransactionId] = (key, t.TradeDate);
                    }
                }

                foreach (var (key, failures) in plan.MappingFailures)
                {
                    foreach (var f in failures)
                    {
                        now[f.Id] = (key, f.Date);
                    }
                }

                foreach (var (id, securityId, date) in calculated)
                {
                    if (!now.TryGetValue(id, out var current) || current != (securityId, date))
                    {
                        ChangeSet.Add(plan.Affected, securityId, date);
                    }
                }
            }

            // A restated trade restates its generated cash leg on the cash key (semantics 4.4).
            var pending = new Queue<string>(plan.Affected.Keys);
            while (pending.TryDequeue(out var key))
            {
                if (!plan.ByKey.TryGetValue(key, out var list))
                {
                    continue;
                }

                var from = plan.Affected[key];
                foreach (var t in list)
                {
                    if (t.OriginatingTransactionId is null && t.TradeDate >= from && SettlementCashLeg.TryCreate(t, out var leg))
                    {
                        var before = plan.Affected.TryGetValue(leg.SecurityId, out var d) ? d : (DateOnly?)null;
                        ChangeSet.Add(plan.Affected, leg.SecurityId, leg.TradeDate);
                        if (before != plan.Affected[leg.SecurityId])
                        {
                            pending.Enqueue(leg.SecurityId);
                        }
                    }
                }
            }

            return plan;
        }

        private static void Add(Dictionary<string, List<Transaction>> byKey, Transaction t)
        {
            if (!byKey.TryGetValue(t.SecurityId, out var list))
            {
                list = [];
                byKey.Add(t.SecurityId, list);
            }

            list.Add(t);
        }
    }
}
