using System.Globalization;
using Lotus.Core.V1;

namespace Lotus.Calculators.Tests.Support;

/// <summary>
/// A random, valid set of canonical records for one portfolio: equities in USD and EUR (with EUR->USD
/// rates), a USD cash account fed by deposits, fees and generated settlement legs, dividends, and SELLs
/// never beyond the holdings of earlier dates. Deterministic per seed.
/// </summary>
public sealed class RandomScenario
{
    public static readonly string[] Calendar = BuildCalendar();

    public required string Prefix { get; init; }

    public required string Method { get; init; }

    public List<Instrument> Instruments { get; } = [];

    public List<MarketPrice> Prices { get; } = [];

    public List<FxRate> FxRates { get; } = [];

    /// <summary>Transactions with ids "{tag}-{n}" where the caller picks the tag per portfolio.</summary>
    public List<Func<string, Transaction>> Transactions { get; } = [];

    public static RandomScenario Create(int seed, string prefix)
    {
        var random = new Random(seed);
        var s = new RandomScenario { Prefix = prefix, Method = random.Next(2) == 0 ? "FIFO" : "AVCO" };
        var usd = prefix + "U";
        var eur = prefix + "E";
        var cash = prefix + "CASH";
        s.Instruments.Add(Records.Instrument(usd));
        s.Instruments.Add(Records.Instrument(eur, "EUR"));
        s.Instruments.Add(Records.Instrument(cash, "USD", "CASH"));
        foreach (var day in Calendar)
        {
            if (random.Next(10) < 7)
            {
                s.Prices.Add(Records.Price(usd, day, D(90 + random.Next(2000) / 100m)));
            }

            if (random.Next(10) < 7)
            {
                s.Prices.Add(Records.Price(eur, day, D(40 + random.Next(1000) / 100m), "EUR"));
            }

            s.Prices.Add(Records.Price(cash, day, "1"));
            if (random.Next(10) < 8)
            {
                s.FxRates.Add(Records.Fx("EUR", "USD", day, D(1.05m + random.Next(1000) / 10000m)));
            }
        }

        // EUR rate on the first day so EUR trades always have a rate on or before them.
        if (!s.FxRates.Any(f => f.RateDate == Calendar[0]))
        {
            s.FxRates.Add(Records.Fx("EUR", "USD", Calendar[0], "1.1"));
        }

        var held = new Dictionary<string, decimal>(StringComparer.Ordinal) { [usd] = 0m, [eur] = 0m };
        var n = 0;
        var count = 6 + random.Next(14);
        var dates = Enumerable.Range(0, count).Select(_ => Calendar[random.Next(Calendar.Length)]).Order(StringComparer.Ordinal).ToList();
        var heldBefore = new Dictionary<string, decimal>(held, StringComparer.Ordinal);
        string? lastDate = null;
        foreach (var date in dates)
        {
            if (date != lastDate)
            {
                heldBefore = new Dictionary<string, decimal>(held, StringComparer.Ordinal);
                lastDate = date;
            }

            var id = n++;
            var security = random.Next(2) == 0 ? usd : eur;
            var currency = security == eur ? "EUR" : "USD";
            var roll = random.Next(10);
            if (roll < 5 || heldBefore[security] == 0m)
            {
                var q = 1 + random.Next(50);
                var price = D(50 + random.Next(5000) / 100m);
                var fee = random.Next(3) == 0 ? D(random.Next(500) / 100m) : string.Empty;
                var auto = currency == "USD" && random.Next(2) == 0;
                held[security] += q;
                s.Transactions.Add(tag =>
                {
                    var t = Records.Buy($"{tag}-{id:D3}", tag, security, date, q.ToString(CultureInfo.InvariantCulture), price, fee, currency);
                    if (auto)
                    {
                        t.CashEntryMode = "AUTO_GENERATE";
                        t.SettlementCashAccountId = cash;
                        t.SettlementCashInstrumentId = cash;
                    }

                    return t;
                });
            }
            else if (roll < 8)
            {
                var q = 1 + random.Next((int)heldBefore[security]);
                heldBefore[security] -= q;
                held[security] -= q;
                var price = D(50 + random.Next(5000) / 100m);
                s.Transactions.Add(tag => Records.Sell($"{tag}-{id:D3}", tag, security, date, q.ToString(CultureInfo.InvariantCulture), price, string.Empty, currency));
            }
            else if (roll == 8)
            {
                var amount = D(1 + random.Next(10000) / 100m);
                s.Transactions.Add(tag =>
                {
                    var t = Records.Trade($"{tag}-{id:D3}", tag, security, "DIVIDEND", date, "0", "0", amount, currency);
                    t.SettlementCashAccountId = currency == "USD" ? cash : string.Empty;
                    t.SettlementCashInstrumentId = currency == "USD" ? cash : string.Empty;
                    return t;
                });
            }
            else
            {
                var type = random.Next(3) == 0 ? "FEE" : "DEPOSIT";
                var amount = D(1 + random.Next(100000) / 100m);
                s.Transactions.Add(tag => Records.Trade($"{tag}-{id:D3}", tag, cash, type, date, amount, "1", amount));
            }
        }

        return s;
    }

    private static string D(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string[] BuildCalendar()
    {
        var days = new List<string>();
        for (var d = new DateOnly(2024, 1, 1); d <= new DateOnly(2024, 1, 26); d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days.Add(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }
        }

        return [.. days];
    }
}
