using System.Globalization;
using Lotus.Core.V1;

namespace Lotus.Client.Tests.Consumer;

/// <summary>
/// The consumer contract scenario (same as clients/python/tests/consumer_scenario.py): one USD portfolio
/// over five business days with a deposit, a buy, an in-specie transfer of a EUR position, a fee, a
/// dividend and a sell. FX EUR→USD is held at 1.10 so BOD continuity does not depend on FX timing.
///
/// Worked by hand (USD; prices are closes; cash CASH_USD):
///   01-05  DEPOSIT 100000 (bod, external); BUY 100 US_EQ @ 500 (internal).
///          E = 50000 + 100×510 = 101000; B = 0; F_b = 100000; r = 1000/100000 = 0.01
///   01-06  TRANSFER_IN 100 EU_EQ at 200 EUR = 22000 USD (bod, transfer).
///          E = 50000 + 100×505 + 100×202×1.10 = 122720; B = 101000; r = −280/123000
///   01-07  FEE 100 (eod, fee). E = 49900 + 100×515 + 100×205×1.10 = 123950; B = 122720.
///          GROSS r = 1230/122720; NET r = (1230 − 100)/122720 (EMV is already after the fee, so NET
///          counts it twice: the consumer's "fee hazard", consumer doc §2.4, pinned on purpose).
///   01-08  DIVIDEND 200 on US_EQ (income: in the return, no portfolio flow).
///          E = 50100 + 100×512 + 22550 = 123850; B = 123950; r = −100/123950
///   01-09  SELL 50 US_EQ @ 520 (internal). E = 76100 + 50×520 + 100×210×1.10 = 125200; B = 123850; r = 1350/123850
///   Linked GROSS = 1.01 × 125200/123000 − 1 (the product telescopes);
///   linked NET = 1.01 × 123850 × 125200 / (123000 × 123950) − 1.
/// </summary>
public static class ConsumerScenario
{
    public static readonly DateOnly[] Dates = [.. Enumerable.Range(5, 5).Select(d => new DateOnly(2026, 1, d))];

    public static DateOnly Start => Dates[0];

    public static DateOnly End => Dates[^1];

    public static readonly (decimal Begin, decimal End)[] ExpectedValues =
        [(0m, 101000m), (101000m, 122720m), (122720m, 123950m), (123950m, 123850m), (123850m, 125200m)];

    public static decimal[] ExpectedDaily(FeeBasis basis) =>
        [0.01m, -280m / 123000m, (basis == FeeBasis.Net ? 1130m : 1230m) / 122720m, -100m / 123950m, 1350m / 123850m];

    public static decimal ExpectedLinked(FeeBasis basis) => basis == FeeBasis.Gross
        ? (1.01m * 125200m / 123000m) - 1m
        : (1.01m * (123850m / 123000m) * (125200m / 123950m)) - 1m;

    public static IngestPortfolioBundleRequest Bundle(string portfolioId)
    {
        var request = new IngestPortfolioBundleRequest
        {
            IdempotencyKey = "consumer-contract-" + portfolioId,
            SourceSystem = "consumer-contract-test",
            Portfolios = { new Portfolio { PortfolioId = portfolioId, BaseCurrency = "USD", OpenDate = DateString.Format(Start), Status = "ACTIVE" } },
            Instruments =
            {
                new Instrument { SecurityId = "CASH_USD", Name = "US dollar cash", Currency = "USD", ProductType = "CASH", AssetClass = "Cash" },
                new Instrument { SecurityId = "US_EQ", Name = "US equity", Currency = "USD", ProductType = "EQUITY", AssetClass = "Equity", Sector = "Technology", CountryOfRisk = "US" },
                new Instrument { SecurityId = "EU_EQ", Name = "EUR equity", Currency = "EUR", ProductType = "EQUITY", AssetClass = "Equity", Sector = "Industrials", CountryOfRisk = "DE" },
            },
            Transactions =
            {
                Txn(portfolioId, "DEP", 5, "DEPOSIT", "CASH_USD", "100000", "1", "100000", "USD", cashLeg: false),
                Txn(portfolioId, "BUY", 5, "BUY", "US_EQ", "100", "500", "50000", "USD", cashLeg: true),
                Txn(portfolioId, "TIN", 6, "TRANSFER_IN", "EU_EQ", "100", "200", "20000", "EUR", cashLeg: false),
                Txn(portfolioId, "FEE", 7, "FEE", "CASH_USD", "100", "1", "100", "USD", cashLeg: false),
                Txn(portfolioId, "DIV", 8, "DIVIDEND", "US_EQ", "0", "0", "200", "USD", cashLeg: true),
                Txn(portfolioId, "SELL", 9, "SELL", "US_EQ", "50", "520", "26000", "USD", cashLeg: true),
            },
        };
        foreach (var date in Dates)
        {
            request.BusinessDates.Add(new BusinessDate { BusinessDate_ = DateString.Format(date) });
            request.FxRates.Add(new FxRate { FromCurrency = "EUR", ToCurrency = "USD", RateDate = DateString.Format(date), Rate = "1.10" });
        }

        foreach (var (day, price) in new[] { (5, "510"), (6, "505"), (7, "515"), (8, "512"), (9, "520") })
        {
            request.MarketPrices.Add(new MarketPrice { SecurityId = "US_EQ", PriceDate = Day(day), Price = price, Currency = "USD" });
        }

        foreach (var (day, price) in new[] { (6, "202"), (7, "205"), (8, "205"), (9, "210") })
        {
            request.MarketPrices.Add(new MarketPrice { SecurityId = "EU_EQ", PriceDate = Day(day), Price = price, Currency = "EUR" });
        }

        return request;
    }

    /// <summary>The portfolio timeseries a correct lotus-core returns for the scenario, as worked out above.</summary>
    public static PortfolioTimeseries ReferencePortfolioPage(string portfolioId)
    {
        var page = new PortfolioTimeseries { PortfolioId = portfolioId, PortfolioCurrency = "USD", ReportingCurrency = "USD", PortfolioOpenDate = DateString.Format(Start), Page = new AnalyticsPageInfo() };
        for (var i = 0; i < Dates.Length; i++)
        {
            var observation = new PortfolioObservation
            {
                ValuationDate = DateString.Format(Dates[i]),
                BeginningMarketValue = DecimalString.Format(ExpectedValues[i].Begin),
                EndingMarketValue = DecimalString.Format(ExpectedValues[i].End),
                ValuationStatus = "final",
            };
            switch (Dates[i].Day)
            {
                case 5:
                    observation.CashFlows.Add(Flow("100000", "bod", "external_flow", "external"));
                    break;
                case 6:
                    observation.CashFlows.Add(Flow("22000", "bod", "transfer", "external"));
                    break;
                case 7:
                    observation.CashFlows.Add(Flow("-100", "eod", "fee", "operational"));
                    break;
            }

            page.Observations.Add(observation);
        }

        return page;
    }

    /// <summary>Position rows consistent with the reference portfolio page (a buy is money into the bought
    /// position and out of cash; income is not a flow).</summary>
    public static PositionTimeseries ReferencePositionPage(string portfolioId)
    {
        var page = new PositionTimeseries { PortfolioId = portfolioId, PortfolioCurrency = "USD", Page = new AnalyticsPageInfo() };
        void Row(string security, string currency, string fx, int day, string begin, string end, params CashFlowObservation[] flows)
        {
            var row = new PositionTimeseriesRow
            {
                PositionId = portfolioId + ":" + security,
                SecurityId = security,
                ValuationDate = Day(day),
                PositionCurrency = currency,
                CashFlowCurrency = currency,
                PositionToPortfolioFxRate = fx,
                BeginningMarketValuePortfolioCurrency = begin,
                EndingMarketValuePortfolioCurrency = end,
            };
            row.CashFlows.Add(flows);
            page.Rows.Add(row);
        }

        Row("CASH_USD", "USD", "1", 5, "0", "50000", Flow("100000", "bod", "external_flow", "external"), Flow("-50000", "bod", "internal_trade_flow", "internal"));
        Row("US_EQ", "USD", "1", 5, "0", "51000", Flow("50000", "bod", "internal_trade_flow", "internal"));
        Row("CASH_USD", "USD", "1", 6, "50000", "50000");
        Row("EU_EQ", "EUR", "1.10", 6, "0", "22220", Flow("20000", "bod", "transfer", "external"));
        Row("US_EQ", "USD", "1", 6, "51000", "50500");
        Row("CASH_USD", "USD", "1", 7, "50000", "49900", Flow("-100", "eod", "fee", "operational"));
        Row("EU_EQ", "EUR", "1.10", 7, "22220", "22550");
        Row("US_EQ", "USD", "1", 7, "50500", "51500");
        Row("CASH_USD", "USD", "1", 8, "49900", "50100", Flow("200", "eod", "income", "operational"));
        Row("EU_EQ", "EUR", "1.10", 8, "22550", "22550");
        Row("US_EQ", "USD", "1", 8, "51500", "51200", Flow("-200", "eod", "income", "operational"));
        Row("CASH_USD", "USD", "1", 9, "50100", "76100", Flow("26000", "eod", "internal_trade_flow", "internal"));
        Row("EU_EQ", "EUR", "1.10", 9, "22550", "23100");
        Row("US_EQ", "USD", "1", 9, "51200", "26000", Flow("-26000", "eod", "internal_trade_flow", "internal"));
        return page;
    }

    private static Transaction Txn(string portfolioId, string suffix, int day, string type, string security, string quantity, string price, string gross, string currency, bool cashLeg)
    {
        var transaction = new Transaction
        {
            TransactionId = portfolioId + "-" + suffix,
            PortfolioId = portfolioId,
            InstrumentId = security,
            SecurityId = security,
            TransactionDate = Day(day),
            SettlementDate = Day(day),
            TransactionType = type,
            Quantity = quantity,
            Price = price,
            GrossTransactionAmount = gross,
            TradeCurrency = currency,
            Currency = currency,
            TradeFee = "0",
        };
        if (cashLeg)
        {
            transaction.SettlementCashInstrumentId = "CASH_USD";
            transaction.SettlementCashAccountId = "CASH_USD";
        }

        return transaction;
    }

    private static CashFlowObservation Flow(string amount, string timing, string type, string scope)
        => new() { Amount = amount, Timing = timing, CashFlowType = type, FlowScope = scope };

    private static string Day(int day) => new DateOnly(2026, 1, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
