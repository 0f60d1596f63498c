using Lotus.Storage.Canonical;

namespace Lotus.Host.Services.Ingestion.Validation;

/// <summary>Single-field rules shared by the entity validators (common.proto conventions).</summary>
internal static class FieldRules
{
    /// <summary>Identifiers and codes: the store keeps text, but not unbounded text.</summary>
    public const int MaxTextLength = 256;

    public static void RequiredId(RecordScope scope, string field, string value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            scope.Add(field, "is required");
        }
        else if (value.Length > MaxTextLength)
        {
            scope.Add(field, $"is longer than {MaxTextLength} characters");
        }
    }

    public static void OptionalText(RecordScope scope, string field, string value)
    {
        if (value.Length > MaxTextLength)
        {
            scope.Add(field, $"is longer than {MaxTextLength} characters");
        }
    }

    /// <summary>ISO 4217 shape: exactly three upper-case ASCII letters.</summary>
    public static void Currency(RecordScope scope, string field, string value)
    {
        if (value.Length == 0)
        {
            scope.Add(field, "is required (ISO 4217 code)");
        }
        else if (!IsCurrencyCode(value))
        {
            scope.Add(field, $"'{Shorten(value)}' is not a currency code: three upper-case letters expected");
        }
    }

    public static bool IsCurrencyCode(string value) => value.Length == 3 && value.All(char.IsAsciiLetterUpper);

    public static DateOnly? RequiredDate(RecordScope scope, string field, string value)
    {
        if (value.Length == 0)
        {
            scope.Add(field, "is required (YYYY-MM-DD)");
            return null;
        }

        return OptionalDate(scope, field, value);
    }

    public static DateOnly? OptionalDate(RecordScope scope, string field, string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (CanonicalValues.TryParseDate(value, out var date))
        {
            return date;
        }

        scope.Add(field, $"'{Shorten(value)}' is not a date: YYYY-MM-DD expected");
        return null;
    }

    /// <summary>
    /// An optional decimal that must be non-negative: null when empty or already reported invalid,
    /// so that follow-on rules do not report the same field twice.
    /// </summary>
    public static decimal? NonNegative(RecordScope scope, string field, string value) => Decimal(scope, field, value, strictlyPositive: false);

    /// <summary>An optional decimal (empty = absent, null returned) that must be greater than zero.</summary>
    public static decimal? Positive(RecordScope scope, string field, string value) => Decimal(scope, field, value, strictlyPositive: true);

    public static decimal? RequiredPositive(RecordScope scope, string field, string value)
    {
        if (value.Length == 0)
        {
            scope.Add(field, "is required (decimal string > 0)");
            return null;
        }

        return Decimal(scope, field, value, strictlyPositive: true);
    }

    /// <summary>One of <paramref name="allowed"/> after upper-casing; empty allowed (returns empty).</summary>
    public static string OptionalCode(RecordScope scope, string field, string value, IReadOnlyCollection<string> allowed)
    {
        if (value.Length == 0)
        {
            return value;
        }

        var upper = value.ToUpperInvariant();
        if (!allowed.Contains(upper, StringComparer.Ordinal))
        {
            scope.Add(field, $"'{Shorten(value)}' is not supported; expected one of {string.Join(", ", allowed)}");
        }

        return upper;
    }

    public static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";

    private static decimal? Decimal(RecordScope scope, string field, string value, bool strictlyPositive)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (!CanonicalValues.TryParseDecimal(value, out var number))
        {
            scope.Add(field, $"'{Shorten(value)}' is not a decimal: at most {CanonicalValues.MaxIntegerDigits} integer digits and {CanonicalValues.MaxScale} decimal places, invariant notation");
            return null;
        }

        if (strictlyPositive ? number <= 0 : number < 0)
        {
            scope.Add(field, strictlyPositive ? "must be greater than zero" : "must not be negative");
            return null;
        }

        return number;
    }
}
