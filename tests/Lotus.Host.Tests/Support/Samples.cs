using Lotus.Core.V1;

namespace Lotus.Host.Tests.Support;

/// <summary>Valid records to start from; tests break one field at a time.</summary>
public static class Samples
{
    public static Portfolio Portfolio(string id = "P1", string clientId = "C1") => new()
    {
        PortfolioId = id,
        BaseCurrency = "USD",
        CostBasisMethod = "FIFO",
        OpenDate = "2024-01-02",
        ClientId = clientId,
        BookingCenterCode = "SG",
        PortfolioType = "DISCRETIONARY",
        RiskExposure = "MODERATE",
        InvestmentTimeHorizon = "LONG",
        Status = "ACTIVE",
    };

    public static Instrument Instrument(string id = "AAPL", string productType = "EQUITY") => new()
    {
        SecurityId = id,
        Name = id + " Inc.",
        Isin = "US0378331005",
        Currency = "USD",
        ProductType = productType,
        AssetClass = "EQUITY",
    };

    public static Transaction Buy(string id = "T1", string portfolioId = "P1", string securityId = "AAPL", string date = "2024-03-01") => new()
    {
        TransactionId = id,
        PortfolioId = portfolioId,
        InstrumentId = securityId,
        SecurityId = securityId,
        TransactionDate = date,
        SettlementDate = date,
        TransactionType = "BUY",
        Quantity = "10",
        Price = "150.25",
        GrossTransactionAmount = "1502.5",
        TradeCurrency = "USD",
        Currency = "USD",
        TradeFee = "1.5",
    };

    public static Transaction Dividend(string id = "D1", string portfolioId = "P1") => new()
    {
        TransactionId = id,
        PortfolioId = portfolioId,
        InstrumentId = "AAPL",
        SecurityId = "AAPL",
        TransactionDate = "2024-05-10",
        TransactionType = "DIVIDEND",
        Quantity = "0",
        Price = "0",
        GrossTransactionAmount = "24.00",
        TradeCurrency = "USD",
        Currency = "USD",
    };

    public static MarketPrice Price(string securityId = "AAPL", string date = "2024-03-01", string price = "151.10") => new()
    {
        SecurityId = securityId,
        PriceDate = date,
        Price = price,
        Currency = "USD",
    };

    public static FxRate Fx(string date = "2024-03-01", string rate = "1.3456", string from = "USD", string to = "SGD") => new()
    {
        FromCurrency = from,
        ToCurrency = to,
        RateDate = date,
        Rate = rate,
    };

    public static BusinessDate Day(string date = "2024-03-01") => new() { BusinessDate_ = date };

    public static IngestTransactionsRequest Transactions(params Transaction[] transactions)
    {
        var request = new IngestTransactionsRequest();
        request.Transactions.AddRange(transactions);
        return request;
    }

    public static IEnumerable<Transaction> Buys(int count, string portfolioId = "P1", string prefix = "T")
    {
        var start = new DateOnly(2024, 1, 1);
        for (var i = 0; i < count; i++)
        {
            var t = Buy($"{prefix}{i:D7}", portfolioId, date: start.AddDays(i % 300).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            yield return t;
        }
    }
}
