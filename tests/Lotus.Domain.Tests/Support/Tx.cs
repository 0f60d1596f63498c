using System.Globalization;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;

namespace Lotus.Domain.Tests.Support;

/// <summary>Terse transaction builders for scenarios: portfolio P1, dates "yyyy-MM-dd" at 10:00 UTC.</summary>
internal static class Tx
{
    public const string Portfolio = "P1";

    public static DateTimeOffset At(string date, int hour = 10) =>
        new(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    public static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static Transaction Make(
        string id,
        TransactionType type,
        string date,
        decimal quantity = 0m,
        decimal gross = 0m,
        decimal? fee = null,
        string security = "SEC_X",
        string currency = "USD",
        decimal price = 0m,
        string? settlement = null) =>
        new()
        {
            TransactionId = id,
            PortfolioId = Portfolio,
            SecurityId = security,
            TransactionType = type,
            TransactionDate = At(date),
            SettlementDate = settlement is null ? null : At(settlement),
            Quantity = quantity,
            Price = price != 0m || quantity == 0m ? price : gross / quantity,
            GrossTransactionAmount = gross,
            TradeFee = fee,
            TradeCurrency = currency,
        };

    public static Transaction Buy(string id, string date, decimal quantity, decimal gross, decimal? fee = null, string security = "SEC_X", string currency = "USD", string? settlement = null) =>
        Make(id, TransactionType.Buy, date, quantity, gross, fee, security, currency, settlement: settlement);

    public static Transaction Sell(string id, string date, decimal quantity, decimal gross, decimal? fee = null, string security = "SEC_X", string currency = "USD", string? settlement = null) =>
        Make(id, TransactionType.Sell, date, quantity, gross, fee, security, currency, settlement: settlement);

    public static Transaction Dividend(string id, string date, decimal gross, string security = "SEC_X", string currency = "USD", string? settlement = null) =>
        Make(id, TransactionType.Dividend, date, 0m, gross, null, security, currency, settlement: settlement);

    public static Transaction Cash(string id, TransactionType type, string date, decimal amount, decimal? fee = null, string security = "CASH_USD", string currency = "USD", string? settlement = null) =>
        Make(id, type, date, amount, amount, fee, security, currency, price: 1m, settlement: settlement);

    public static Portfolio Usd(CostBasisMethod method = CostBasisMethod.Fifo) => new(Portfolio, "USD", method);

    public static Instrument Stock(string id = "SEC_X", string currency = "USD") => new(id, currency);

    public static Instrument CashInstrument(string id = "CASH_USD", string currency = "USD") => new(id, currency, "CASH", "CASH");

    public static FxRate Fx(string from, string to, string date, decimal rate) => new(from, to, D(date), rate);

    public static MarketPrice Px(string security, string date, decimal price, string currency = "USD") => new(security, D(date), price, currency);
}
