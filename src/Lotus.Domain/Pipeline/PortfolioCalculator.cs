using Lotus.Domain.MarketData;
using Lotus.Domain.Reference;
using Lotus.Domain.Settlement;

namespace Lotus.Domain.Pipeline;

/// <summary>
/// Runs every key of a portfolio: adds generated settlement cash legs (semantics 4.4), groups by security
/// and recomputes each key independently.
/// </summary>
public static class PortfolioCalculator
{
    /// <summary>Results per security_id (ordinal keys).</summary>
    public static IReadOnlyDictionary<string, KeyResult> Recompute(
        Portfolio portfolio,
        IReadOnlyDictionary<string, Instrument> instruments,
        IEnumerable<Transaction> transactions,
        IFxSource fx)
    {
        ArgumentNullException.ThrowIfNull(portfolio);
        ArgumentNullException.ThrowIfNull(instruments);
        ArgumentNullException.ThrowIfNull(transactions);
        var byKey = new Dictionary<string, List<Transaction>>(StringComparer.Ordinal);
        foreach (var t in transactions)
        {
            Add(byKey, t);
            if (SettlementCashLeg.TryCreate(t, out var leg))
            {
                Add(byKey, leg);
            }
        }

        var results = new Dictionary<string, KeyResult>(byKey.Count, StringComparer.Ordinal);
        foreach (var (securityId, list) in byKey)
        {
            if (!instruments.TryGetValue(securityId, out var instrument))
            {
                throw new DomainValidationException("security_id", $"Unknown instrument '{securityId}'");
            }

            results.Add(securityId, KeyCalculator.Recompute(portfolio, instrument, list, fx));
        }

        return results;
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
