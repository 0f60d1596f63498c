using System.Globalization;
using Lotus.Core.V1;

namespace Lotus.Host.Demo;

/// <summary>
/// A deterministic demo data set: three portfolios in USD, EUR and CHF (FIFO and AVCO), cash and
/// securities in three currencies, a year of business dates with prices and direct FX pairs, and
/// deposits, trades with generated settlement cash legs, dividends, a fee and a withdrawal.
/// Loaded through the public ingestion rpcs with fixed idempotency keys, so re-runs replay.
/// </summary>
internal static class DemoDataPack
{
    public static readonly DateOnly FirstDate = new(2025, 11, 3);
    public static readonly DateOnly LastDate = new(2026, 10, 30);

    private static readonly (string Id, string Name, string Currency, string ProductType, string AssetClass, string Sector, string Country, decimal StartPrice, decimal EndPrice)[] Securities =
    [
        ("CASH_USD", "US Dollar cash", "USD", "CASH", "CASH", "", "US", 1m, 1m),
        ("CASH_EUR", "Euro cash", "EUR", "CASH", "CASH", "", "DE", 1m, 1m),
        ("CASH_CHF", "Swiss franc cash", "CHF", "CASH", "CASH", "", "CH", 1m, 1m),
        ("SEC_AAPL_US", "Apple Inc.", "USD", "EQUITY", "EQUITY", "Information Technology", "US", 225m, 262m),
        ("SEC_SAP_DE", "SAP SE", "EUR", "EQUITY", "EQUITY", "Information Technology", "DE", 231m, 248m),
        ("SEC_NOVN_CH", "Novartis AG", "CHF", "EQUITY", "EQUITY", "Health Care", "CH", 88m, 97m),
        ("SEC_ETF_WORLD_USD", "World Equity ETF", "USD", "FUND", "EQUITY", "Diversified", "US", 104m, 116m),
        ("SEC_GOLD_ETC_USD", "Physical Gold ETC", "USD", "FUND", "COMMODITY", "Commodities", "JE", 245m, 281m),
    ];

    /// <summary>Business dates: Monday to Friday of the demo year (GLOBAL calendar).</summary>
    public static IReadOnlyList<DateOnly> BusinessDates()
    {
        var dates = new List<DateOnly>();
        for (var d = FirstDate; d <= LastDate; d = d.AddDays(1))
        {
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                dates.Add(d);
            }
        }

        return dates;
    }

    public static IngestPortfolioBundleRequest Bundle()
    {
        var bundle = new IngestPortfolioBundleRequest { IdempotencyKey = "demo-bundle-v1", SourceSystem = "demo" };
        bundle.BusinessDates.AddRange(BusinessDates().Select(d => new BusinessDate { BusinessDate_ = Iso(d), CalendarCode = "GLOBAL" }));
        bundle.Instruments.AddRange(Securities.Select(s => new Instrument
        {
            SecurityId = s.Id,
            Name = s.Name,
            Currency = s.Currency,
            ProductType = s.ProductType,
            AssetClass = s.AssetClass,
            Sector = s.Sector,
            CountryOfRisk = s.Country,
            IssuerId = s.ProductType == "CASH" ? "" : "ISS_" + s.Id[4..],
            IssuerName = s.ProductType == "CASH" ? "" : s.Name,
            LiquidityTier = s.ProductType == "CASH" ? "L1" : "L2",
        }));
        bundle.Portfolios.Add(Portfolio("DEMO_ADV_USD_001", "USD", "FIFO", "ADVISORY", "CLIENT_001"));
        bundle.Portfolios.Add(Portfolio("DEMO_DPM_EUR_001", "EUR", "AVCO", "DISCRETIONARY", "CLIENT_002"));
        bundle.Portfolios.Add(Portfolio("DEMO_INCOME_CHF_001", "CHF", "FIFO", "ADVISORY", "CLIENT_003"));
        bundle.Transactions.AddRange(Transactions());
        bundle.MarketPrices.AddRange(Prices());
        bundle.FxRates.AddRange(FxRates());
        return bundle;
    }

    private static Portfolio Portfolio(string id, string currency, string method, string type, string client) => new()
    {
        PortfolioId = id,
        BaseCurrency = currency,
        CostBasisMethod = method,
        OpenDate = Iso(FirstDate),
        BookingCenterCode = "SG",
        ClientId = client,
        PortfolioType = type,
        Objective = "Balanced growth",
        Status = "ACTIVE",
    };

    private static IEnumerable<Transaction> Transactions()
    {
        var n = 0;
        Transaction Txn(string portfolio, string type, string security, DateOnly date, decimal quantity, decimal price, decimal gross, string currency, decimal fee = 0m, string cash = "")
        {
            n++;
            return new Transaction
            {
                TransactionId = string.Create(CultureInfo.InvariantCulture, $"DEMO_TXN_{n:D4}"),
                PortfolioId = portfolio,
                InstrumentId = security,
                SecurityId = security,
                TransactionType = type,
                TransactionDate = Iso(date),
                SettlementDate = Iso(type is "BUY" or "SELL" ? AddBusinessDays(date, 2) : date),
                Quantity = Dec(quantity),
                Price = Dec(price),
                GrossTransactionAmount = Dec(gross),
                TradeCurrency = currency,
                Currency = currency,
                TradeFee = Dec(fee),
                CashEntryMode = cash.Length > 0 ? "AUTO_GENERATE" : "",
                SettlementCashAccountId = cash,
                SettlementCashInstrumentId = cash,
                SourceSystem = "demo",
            };
        }

        Transaction Trade(string portfolio, string type, string security, DateOnly date, decimal quantity, decimal fee)
        {
            var s = Securities.Single(x => x.Id == security);
            var price = Price(s.StartPrice, s.EndPrice, security, date);
            return Txn(portfolio, type, security, date, quantity, price, decimal.Round(quantity * price, 2), s.Currency, fee, "CASH_" + s.Currency);
        }

        var d0 = FirstDate;
        // Advisory USD: deposits, trades in three currencies' worth of USD assets, dividend, fee, withdrawal.
        yield return Txn("DEMO_ADV_USD_001", "DEPOSIT", "CASH_USD", d0, 0m, 0m, 1_000_000m, "USD");
        yield return Trade("DEMO_ADV_USD_001", "BUY", "SEC_AAPL_US", d0.AddDays(1), 1_500m, 25m);
        yield return Trade("DEMO_ADV_USD_001", "BUY", "SEC_ETF_WORLD_USD", d0.AddDays(2), 3_000m, 30m);
        yield return Trade("DEMO_ADV_USD_001", "BUY", "SEC_GOLD_ETC_USD", d0.AddDays(3), 800m, 20m);
        yield return Trade("DEMO_ADV_USD_001", "BUY", "SEC_AAPL_US", new DateOnly(2026, 2, 2), 500m, 15m);
        yield return Txn("DEMO_ADV_USD_001", "DIVIDEND", "SEC_AAPL_US", new DateOnly(2026, 2, 13), 0m, 0m, 520m, "USD", 0m, "CASH_USD");
        yield return Trade("DEMO_ADV_USD_001", "SELL", "SEC_AAPL_US", new DateOnly(2026, 4, 15), 600m, 18m);
        yield return Txn("DEMO_ADV_USD_001", "FEE", "CASH_USD", new DateOnly(2026, 6, 30), 0m, 0m, 2_500m, "USD");
        yield return Txn("DEMO_ADV_USD_001", "WITHDRAWAL", "CASH_USD", new DateOnly(2026, 9, 1), 0m, 0m, 50_000m, "USD");

        // Discretionary EUR (AVCO): euro cash, SAP, a dollar fund bought with dollars.
        yield return Txn("DEMO_DPM_EUR_001", "DEPOSIT", "CASH_EUR", d0, 0m, 0m, 750_000m, "EUR");
        yield return Txn("DEMO_DPM_EUR_001", "DEPOSIT", "CASH_USD", d0, 0m, 0m, 250_000m, "USD");
        yield return Trade("DEMO_DPM_EUR_001", "BUY", "SEC_SAP_DE", d0.AddDays(1), 1_200m, 20m);
        yield return Trade("DEMO_DPM_EUR_001", "BUY", "SEC_SAP_DE", new DateOnly(2026, 1, 12), 800m, 15m);
        yield return Trade("DEMO_DPM_EUR_001", "BUY", "SEC_ETF_WORLD_USD", d0.AddDays(2), 1_500m, 20m);
        yield return Trade("DEMO_DPM_EUR_001", "SELL", "SEC_SAP_DE", new DateOnly(2026, 5, 20), 700m, 12m);
        yield return Txn("DEMO_DPM_EUR_001", "DIVIDEND", "SEC_SAP_DE", new DateOnly(2026, 5, 15), 0m, 0m, 4_400m, "EUR", 0m, "CASH_EUR");

        // Income CHF: franc cash and Novartis.
        yield return Txn("DEMO_INCOME_CHF_001", "DEPOSIT", "CASH_CHF", d0, 0m, 0m, 400_000m, "CHF");
        yield return Trade("DEMO_INCOME_CHF_001", "BUY", "SEC_NOVN_CH", d0.AddDays(1), 2_500m, 20m);
        yield return Txn("DEMO_INCOME_CHF_001", "DIVIDEND", "SEC_NOVN_CH", new DateOnly(2026, 3, 13), 0m, 0m, 8_750m, "CHF", 0m, "CASH_CHF");
        yield return Txn("DEMO_INCOME_CHF_001", "FEE", "CASH_CHF", new DateOnly(2026, 6, 30), 0m, 0m, 1_200m, "CHF");
    }

    private static IEnumerable<MarketPrice> Prices()
    {
        foreach (var date in BusinessDates())
        {
            foreach (var s in Securities)
            {
                yield return new MarketPrice
                {
                    SecurityId = s.Id,
                    PriceDate = Iso(date),
                    Price = Dec(Price(s.StartPrice, s.EndPrice, s.Id, date)),
                    Currency = s.Currency,
                };
            }
        }
    }

    private static IEnumerable<FxRate> FxRates()
    {
        // Per-currency value in USD drifts slowly; every direct pair is published (no inversion at read time).
        (string Currency, decimal Start, decimal End)[] usdValue = [("USD", 1m, 1m), ("EUR", 1.0850m, 1.1420m), ("CHF", 1.1310m, 1.2240m)];
        foreach (var date in BusinessDates())
        {
            foreach (var from in usdValue)
            {
                foreach (var to in usdValue)
                {
                    if (from.Currency == to.Currency)
                    {
                        continue;
                    }

                    var rate = Interpolate(from.Start, from.End, date) / Interpolate(to.Start, to.End, date);
                    yield return new FxRate { FromCurrency = from.Currency, ToCurrency = to.Currency, RateDate = Iso(date), Rate = Dec(decimal.Round(rate, 8)) };
                }
            }
        }
    }

    /// <summary>A linear drift with a small deterministic weekly wave, rounded to 4 decimals; cash stays at 1.</summary>
    private static decimal Price(decimal start, decimal end, string security, DateOnly date)
    {
        if (start == 1m && end == 1m)
        {
            return 1m;
        }

        var trend = Interpolate(start, end, date);
        var phase = (date.DayNumber + security.Length * 3) % 7;
        var wave = (phase - 3) * 0.004m * trend / 3m;
        return decimal.Round(trend + wave, 4);
    }

    private static decimal Interpolate(decimal start, decimal end, DateOnly date)
    {
        var span = LastDate.DayNumber - FirstDate.DayNumber;
        var t = (decimal)(date.DayNumber - FirstDate.DayNumber) / span;
        return start + ((end - start) * t);
    }

    private static DateOnly AddBusinessDays(DateOnly date, int days)
    {
        var d = date;
        while (days > 0)
        {
            d = d.AddDays(1);
            if (d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                days--;
            }
        }

        return d;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Dec(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
