namespace Lotus.Client.Tests.Consumer;

/// <summary>Fee treatment of the daily return (consumer doc §3.1).</summary>
public enum FeeBasis
{
    /// <summary>The (negative) fee is added to the numerator.</summary>
    Net,

    /// <summary>Fees are ignored.</summary>
    Gross,
}

/// <summary>One day of a portfolio or position: B, E, F_b, F_e and Fee (≤ 0).</summary>
public sealed record TwrDay(DateOnly Date, decimal Begin, decimal End, decimal BodFlow = 0m, decimal EodFlow = 0m, decimal Fee = 0m);

/// <summary>
/// lotus-performance's TWR math as a test oracle (consumer doc §2, §3.1, §3.2, §3.6):
/// r_t = (E − F_b − B − F_e [+ Fee when NET]) / |B + F_b| (0 when the denominator is 0);
/// linked = ∏(1 + r_t) − 1 (long-only: no sign flips or resets, so §3.2's two legs reduce to this);
/// contribution with BOD weights w = (B_i + F_b,i)/(B_p + F_b,p), c = w·r_i, and Carino smoothing
/// s = c·k_t/K with k_t = ln(1+R_t)/R_t, K = ln(1+R)/R (1 when the return is 0) — the newer engine's variant.
/// Flow roles (§2, newer taxonomy): fee types → Fee; external, internal and untyped → F_b/F_e by timing;
/// income and anything else ignored; timings other than bod/eod dropped.
/// </summary>
public static class Twr
{
    private static readonly HashSet<string> FeeTypes = new(StringComparer.Ordinal) { "fee", "advisory_fee", "custody_fee", "management_fee", "platform_fee" };

    private static readonly HashSet<string> ExternalTypes = new(StringComparer.Ordinal)
    {
        "external_flow", "transfer", "capital_call", "contribution", "deposit", "redemption", "subscription", "transfer_in", "transfer_out", "withdrawal",
    };

    public static string FlowRole(string cashFlowType)
    {
        var type = cashFlowType.Trim().ToLowerInvariant();
        return type switch
        {
            "" => "missing",
            _ when FeeTypes.Contains(type) => "fee",
            _ when ExternalTypes.Contains(type) => "external",
            "internal_trade_flow" => "internal",
            _ => "unsupported",
        };
    }

    /// <summary>A day from values and flows; flow amounts are multiplied by <paramref name="fx"/> (position flows come in position currency).</summary>
    public static TwrDay DayOf(DateOnly date, decimal begin, decimal end, IEnumerable<CashFlowValue> flows, decimal fx = 1m)
    {
        decimal bod = 0m, eod = 0m, fee = 0m;
        foreach (var flow in flows)
        {
            var timing = flow.Timing.Trim().ToLowerInvariant();
            if (timing is not ("bod" or "eod"))
            {
                continue;
            }

            var value = flow.Amount * fx;
            switch (FlowRole(flow.CashFlowType))
            {
                case "fee":
                    fee += value;
                    break;
                case "external" or "internal" or "missing" when timing == "bod":
                    bod += value;
                    break;
                case "external" or "internal" or "missing":
                    eod += value;
                    break;
            }
        }

        return new TwrDay(date, begin, end, bod, eod, fee);
    }

    public static decimal DailyReturn(TwrDay day, FeeBasis basis)
    {
        ArgumentNullException.ThrowIfNull(day);
        var numerator = day.End - day.BodFlow - day.Begin - day.EodFlow + (basis == FeeBasis.Net ? day.Fee : 0m);
        var denominator = Math.Abs(day.Begin + day.BodFlow);
        return denominator == 0m ? 0m : numerator / denominator;
    }

    public static decimal Linked(IEnumerable<decimal> returns) => returns.Aggregate(1m, (growth, r) => growth * (1m + r)) - 1m;

    /// <summary>Carino-smoothed contribution per position key over the portfolio's days.</summary>
    public static IReadOnlyDictionary<string, decimal> Contributions(IReadOnlyList<TwrDay> portfolio, IReadOnlyDictionary<string, IReadOnlyList<TwrDay>> positions, FeeBasis basis)
    {
        var portfolioReturns = portfolio.Select(d => DailyReturn(d, basis)).ToArray();
        var total = Carino(Linked(portfolioReturns));
        var byDate = positions.ToDictionary(p => p.Key, p => p.Value.ToDictionary(d => d.Date), StringComparer.Ordinal);
        var result = positions.Keys.ToDictionary(k => k, _ => 0m, StringComparer.Ordinal);
        for (var t = 0; t < portfolio.Count; t++)
        {
            var capital = portfolio[t].Begin + portfolio[t].BodFlow;
            if (capital == 0m)
            {
                continue;
            }

            var k = Carino(portfolioReturns[t]);
            foreach (var (key, days) in byDate)
            {
                if (days.TryGetValue(portfolio[t].Date, out var day))
                {
                    var weight = (day.Begin + day.BodFlow) / capital;
                    result[key] += weight * DailyReturn(day, basis) * k / total;
                }
            }
        }

        return result;
    }

    private static decimal Carino(decimal r) => r == 0m ? 1m : DecimalMath.Ln(1m + r) / r;
}
