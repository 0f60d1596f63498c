using System.Globalization;

namespace Lotus.Storage.Canonical;

/// <summary>
/// The wire forms of canonical values (common.proto conventions) and what the canonical tables can
/// hold: decimals in invariant notation fitting NUMERIC(28,10), dates "YYYY-MM-DD".
/// </summary>
public static class CanonicalValues
{
    /// <summary>Decimal places a stored decimal may carry (the column scale).</summary>
    public const int MaxScale = 10;

    /// <summary>Integer digits a stored decimal may carry (precision 28 minus scale 10).</summary>
    public const int MaxIntegerDigits = 18;

    /// <summary>
    /// Parses "-?digits(.digits)?" with at most 18 integer and 10 fraction digits, so that the value
    /// is stored without rounding and always fits <see cref="decimal"/> exactly. No exponent, no
    /// grouping, no leading '+' or '.'.
    /// </summary>
    public static bool TryParseDecimal(string text, out decimal value)
    {
        value = 0m;
        if (string.IsNullOrEmpty(text) || text.Length > 1 + MaxIntegerDigits + 1 + MaxScale)
        {
            return false;
        }

        var i = text[0] == '-' ? 1 : 0;
        var integerStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        var integerDigits = i - integerStart;
        if (integerDigits == 0 || integerDigits > MaxIntegerDigits)
        {
            return false;
        }

        if (i < text.Length)
        {
            if (text[i] != '.')
            {
                return false;
            }

            var fractionStart = ++i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            var fractionDigits = i - fractionStart;
            if (fractionDigits == 0 || fractionDigits > MaxScale || i != text.Length)
            {
                return false;
            }
        }

        return decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>Parses a decimal already accepted by <see cref="TryParseDecimal"/>.</summary>
    public static decimal ParseDecimal(string text)
        => TryParseDecimal(text, out var value) ? value : throw new FormatException($"'{text}' is not a canonical decimal.");

    /// <summary>Parses exactly "YYYY-MM-DD" (a real calendar date).</summary>
    public static bool TryParseDate(string text, out DateOnly value)
        => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    /// <summary>Parses a date already accepted by <see cref="TryParseDate"/>.</summary>
    public static DateOnly ParseDate(string text)
        => TryParseDate(text, out var value) ? value : throw new FormatException($"'{text}' is not a YYYY-MM-DD date.");

    /// <summary>Formats a date as "YYYY-MM-DD".</summary>
    public static string FormatDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
