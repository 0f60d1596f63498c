using Lotus.Core.V1;

namespace Lotus.Host.Services.Ingestion.Validation;

/// <summary>
/// Contract-level rules of portfolios, instruments, prices, FX rates and business dates
/// (reference_data.proto; contracts §1.3; semantics §1). Valid records are normalised in place.
/// </summary>
internal static class ReferenceDataRules
{
    private static readonly string[] CostBasisMethods = ["FIFO", "AVCO"];

    public static void Validate(Portfolio portfolio, RecordScope scope)
    {
        FieldRules.RequiredId(scope, "portfolio_id", portfolio.PortfolioId);
        FieldRules.Currency(scope, "base_currency", portfolio.BaseCurrency);
        var open = FieldRules.RequiredDate(scope, "open_date", portfolio.OpenDate);
        var close = FieldRules.OptionalDate(scope, "close_date", portfolio.CloseDate);
        if (open is { } o && close is { } c && c < o)
        {
            scope.Add("close_date", "must not be before open_date");
        }

        // Semantics §1: upper-cased, '-' read as '_', empty means FIFO; anything else is refused.
        var method = portfolio.CostBasisMethod.Trim().ToUpperInvariant().Replace('-', '_');
        if (method.Length == 0)
        {
            method = "FIFO";
        }

        if (!CostBasisMethods.Contains(method, StringComparer.Ordinal))
        {
            scope.Add("cost_basis_method", $"'{FieldRules.Shorten(portfolio.CostBasisMethod)}' is not supported; expected FIFO or AVCO");
        }
        else
        {
            portfolio.CostBasisMethod = method;
        }

        // Contracts §1.3: tenant_id and legal_book_id come together or not at all.
        var hasTenant = portfolio.TenantId.Length > 0;
        var hasBook = portfolio.LegalBookId.Length > 0;
        if (hasTenant != hasBook)
        {
            scope.Add(hasTenant ? "legal_book_id" : "tenant_id", "tenant_id and legal_book_id must be given together");
        }

        foreach (var (field, value) in new[]
        {
            ("tenant_id", portfolio.TenantId), ("legal_book_id", portfolio.LegalBookId), ("booking_center_code", portfolio.BookingCenterCode),
            ("client_id", portfolio.ClientId), ("portfolio_type", portfolio.PortfolioType), ("risk_exposure", portfolio.RiskExposure),
            ("investment_time_horizon", portfolio.InvestmentTimeHorizon), ("advisor_id", portfolio.AdvisorId), ("status", portfolio.Status),
        })
        {
            FieldRules.OptionalText(scope, field, value);
        }
    }

    public static void Validate(Instrument instrument, RecordScope scope)
    {
        FieldRules.RequiredId(scope, "security_id", instrument.SecurityId);
        FieldRules.Currency(scope, "currency", instrument.Currency);
        FieldRules.RequiredId(scope, "product_type", instrument.ProductType);
        FieldRules.OptionalDate(scope, "maturity_date", instrument.MaturityDate);
        FieldRules.OptionalText(scope, "isin", instrument.Isin);
        FieldRules.OptionalText(scope, "asset_class", instrument.AssetClass);
    }

    public static void Validate(MarketPrice price, RecordScope scope)
    {
        FieldRules.RequiredId(scope, "security_id", price.SecurityId);
        FieldRules.RequiredDate(scope, "price_date", price.PriceDate);
        FieldRules.RequiredPositive(scope, "price", price.Price);
        FieldRules.Currency(scope, "currency", price.Currency);
    }

    public static void Validate(FxRate rate, RecordScope scope)
    {
        FieldRules.Currency(scope, "from_currency", rate.FromCurrency);
        FieldRules.Currency(scope, "to_currency", rate.ToCurrency);
        if (rate.FromCurrency.Length > 0 && string.Equals(rate.FromCurrency, rate.ToCurrency, StringComparison.Ordinal))
        {
            scope.Add("to_currency", "must differ from from_currency");
        }

        FieldRules.RequiredDate(scope, "rate_date", rate.RateDate);
        FieldRules.RequiredPositive(scope, "rate", rate.Rate);
    }

    /// <summary>Contracts §1.3: not beyond <paramref name="latestAllowed"/> (today + max future days); calendar defaults to GLOBAL.</summary>
    public static void Validate(BusinessDate date, RecordScope scope, DateOnly latestAllowed)
    {
        if (FieldRules.RequiredDate(scope, "business_date", date.BusinessDate_) is { } d && d > latestAllowed)
        {
            scope.Add("business_date", $"is after the latest allowed business date {Lotus.Storage.Canonical.CanonicalValues.FormatDate(latestAllowed)}");
        }

        if (date.CalendarCode.Length == 0)
        {
            date.CalendarCode = "GLOBAL";
        }

        FieldRules.OptionalText(scope, "calendar_code", date.CalendarCode);
        FieldRules.OptionalText(scope, "market_code", date.MarketCode);
    }
}
