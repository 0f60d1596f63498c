using Lotus.Core.V1;

namespace Lotus.Calculators.Tests.Support;

/// <summary>Canonical records for scenarios (wire shapes, decimal strings).</summary>
public static class Records
{
    public static Portfolio Portfolio(string id, string baseCurrency = "USD", string method = "FIFO") => new()
    {
        PortfolioId = id,
        BaseCurrency = baseCurrency,
        CostBasisMethod = method,
        OpenDate = "2020-01-01",
        ClientId = "C1",
        BookingCenterCode = "SG",
        PortfolioType = "DISCRETIONARY",
        RiskExposure = "MODERATE",
        InvestmentTimeHorizon = "LONG",
        Status = "ACTIVE",
    };

    public static Instrument Instrument(string id, string currency = "USD", string productType = "EQUITY") => new()
    {
        SecurityId = id,
        Name = id,
        Currency = currency,
        ProductType = productType,
        AssetClass = productType == "CASH" ? "CASH" : "EQUITY",
    };

    public static Transaction Trade(
        string id, string portfolioId, string securityId, string type, string date, string quantity, string price, string gross,
        string currency = "USD", string fee = "", string? settlementDate = null) => new()
    {
        TransactionId = id,
        PortfolioId = portfolioId,
        InstrumentId = securityId,
        SecurityId = securityId,
        TransactionDate = date,
        SettlementDate = settlementDate ?? date,
        TransactionType = type,
        Quantity = quantity,
        Price = price,
        GrossTransactionAmount = gross,
        TradeCurrency = currency,
        Currency = currency,
        TradeFee = fee,
    };

    public static Transaction Buy(string id, string portfolioId, string securityId, string date, string quantity, string price, string fee = "", string currency = "USD")
        => Trade(id, portfolioId, securityId, "BUY", date, quantity, price, Mul(quantity, price), currency, fee);

    public static Transaction Sell(string id, string portfolioId, string securityId, string date, string quantity, string price, string fee = "", string currency = "USD")
        => Trade(id, portfolioId, securityId, "SELL", date, quantity, price, Mul(quantity, price), currency, fee);

    public static MarketPrice Price(string securityId, string date, string price, string currency = "USD")
        => new() { SecurityId = securityId, PriceDate = date, Price = price, Currency = currency };

    public static FxRate Fx(string from, string to, string date, string rate)
        => new() { FromCurrency = from, ToCurrency = to, RateDate = date, Rate = rate };

    private static string Mul(string a, string b)
        => (decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture) * decimal.Parse(b, System.Globalization.CultureInfo.InvariantCulture))
            .ToString(System.Globalization.CultureInfo.InvariantCulture);
}
