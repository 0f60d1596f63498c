using Lotus.Domain.Reference;
using Lotus.Domain.Values;

namespace Lotus.Benchmarks.CostEngine;

/// <summary>
/// Deterministic timelines: EUR trades in a USD portfolio (so every transaction resolves an FX rate),
/// about 55% buys, 35% sells of one to three lots' worth, 10% dividends, one transaction a minute.
/// </summary>
internal static class Workload
{
    public static readonly DateTime Start = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static Transaction[] Key(string securityId, int count, int seed)
    {
        var random = new Random(seed);
        var result = new Transaction[count];
        var time = Start;
        decimal available = 0m;
        for (var i = 0; i < count; i++)
        {
            time = time.AddMinutes(1);
            var roll = random.Next(100);
            TransactionType type;
            decimal quantity;
            decimal gross;
            if (available < 10m || roll < 55)
            {
                type = TransactionType.Buy;
                quantity = random.Next(10, 200);
                gross = quantity * (random.Next(1_000, 20_000) / 100m);
                available += quantity;
            }
            else if (roll < 90)
            {
                type = TransactionType.Sell;
                quantity = Math.Min(available, random.Next(5, 400));
                gross = quantity * (random.Next(1_000, 20_000) / 100m);
                available -= quantity;
            }
            else
            {
                type = TransactionType.Dividend;
                quantity = 0m;
                gross = random.Next(100, 100_000) / 100m;
            }

            result[i] = new Transaction
            {
                TransactionId = $"{securityId}-{i:D7}",
                PortfolioId = "BENCH",
                SecurityId = securityId,
                TransactionType = type,
                TransactionDate = new DateTimeOffset(time),
                Quantity = quantity,
                Price = quantity == 0m ? 0m : gross / quantity,
                GrossTransactionAmount = gross,
                TradeFee = type == TransactionType.Dividend ? null : random.Next(0, 2_000) / 100m,
                TradeCurrency = "EUR",
            };
        }

        return result;
    }

    public static List<FxRate> DailyRates(int days)
    {
        var rates = new List<FxRate>(days + 1);
        var rate = 1.08m;
        var random = new Random(7);
        for (var d = -1; d <= days; d++)
        {
            rate += random.Next(-40, 41) / 10_000m;
            rates.Add(new FxRate("EUR", "USD", DateOnly.FromDateTime(Start).AddDays(d), rate));
        }

        return rates;
    }
}
