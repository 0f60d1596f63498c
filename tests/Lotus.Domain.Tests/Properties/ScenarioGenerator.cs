using Lotus.Domain.Reference;
using Lotus.Domain.Values;
using static Lotus.Domain.Tests.Support.Tx;

namespace Lotus.Domain.Tests.Properties;

/// <summary>
/// Random but valid timelines for one security: buys, sells and transfers out within the available
/// quantity, dividends, splits, reverse splits, transfers in, plus extra buys sharing an existing
/// timestamp (ties exercise the ordering rules; an extra buy can only make later disposals safer).
/// </summary>
internal static class ScenarioGenerator
{
    public static readonly DateOnly Start = new(2026, 1, 1);

    public static List<Transaction> Security(int seed, string security, string currency, int count)
    {
        var random = new Random(seed);
        var result = new List<Transaction>(count + (count / 5));
        var time = Start.ToDateTime(new TimeOnly(9, 0));
        decimal available = 0m;
        for (var i = 0; i < count; i++)
        {
            time = time.AddMinutes(random.Next(1, 3 * 24 * 60));
            var at = new DateTimeOffset(time, TimeSpan.Zero);
            var roll = random.Next(100);
            var id = $"{security}-{i:D5}";
            Transaction t;
            if (available == 0m || roll < 40)
            {
                var q = random.Next(1, 200);
                t = Make(id, TransactionType.Buy, "2026-01-01", q, q * Price(random), fee: random.Next(0, 3) == 0 ? null : random.Next(0, 1000) / 100m, security, currency);
                available += q;
            }
            else if (roll < 65)
            {
                var q = Part(random, available);
                t = Make(id, TransactionType.Sell, "2026-01-01", q, q * Price(random), fee: random.Next(0, 500) / 100m, security, currency);
                available -= q;
            }
            else if (roll < 75)
            {
                t = Make(id, TransactionType.Dividend, "2026-01-01", 0m, random.Next(1, 10_000) / 100m, null, security, currency);
            }
            else if (roll < 80)
            {
                var q = random.Next(1, 100);
                t = Make(id, TransactionType.Split, "2026-01-01", q, 0m, null, security, currency);
                available += q;
            }
            else if (roll < 84 && available > 1m)
            {
                var q = Part(random, available - 1m);
                t = Make(id, TransactionType.ReverseSplit, "2026-01-01", q, 0m, null, security, currency);
                available -= q;
            }
            else if (roll < 92)
            {
                var q = random.Next(1, 50);
                t = Make(id, TransactionType.TransferIn, "2026-01-01", q, q * Price(random), null, security, currency);
                available += q;
            }
            else
            {
                var q = Part(random, available);
                t = Make(id, TransactionType.TransferOut, "2026-01-01", q, q * Price(random), null, security, currency);
                available -= q;
            }

            result.Add(t with { TransactionDate = at, SettlementDate = random.Next(3) == 0 ? at.AddDays(2) : null });
            if (random.Next(10) == 0)
            {
                var q = random.Next(1, 300);
                result.Add(Make(id + "-TIE", TransactionType.Buy, "2026-01-01", q, q * Price(random), null, security, currency) with { TransactionDate = at });
            }
        }

        return result;
    }

    public static List<FxRate> Rates(int seed, string from, string to, int days)
    {
        var random = new Random(seed);
        var rates = new List<FxRate>(days);
        var rate = 1.1m;
        for (var d = -1; d < days; d++)
        {
            rate = Math.Max(0.5m, rate + (random.Next(-50, 51) / 10_000m));
            rates.Add(new FxRate(from, to, Start.AddDays(d), rate));
        }

        return rates;
    }

    public static T[] Shuffle<T>(IEnumerable<T> items, int seed)
    {
        var array = items.ToArray();
        new Random(seed).Shuffle(array);
        return array;
    }

    private static decimal Price(Random random) => random.Next(100, 50_000) / 100m;

    private static decimal Part(Random random, decimal available)
    {
        // Whole units mostly, occasionally everything that is left.
        if (random.Next(5) == 0)
        {
            return available;
        }

        var whole = Math.Floor(available);
        return whole < 1m ? available : random.Next(1, (int)Math.Min(whole, int.MaxValue - 1) + 1);
    }
}
