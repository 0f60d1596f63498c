using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Lotus.Client;

/// <summary>
/// Decimal strings of the wire (common.proto: money, quantities, prices, rates and weights are strings
/// in invariant notation). Accepted: an optional leading '-' (or '+'), at least one digit, an optional
/// '.' followed by at least one digit, e.g. "1025000.1200000000", "-0.5", "7". Refused: NaN/Infinity, exponents ("1e5"),
/// thousands separators, a bare ".5" or "1.", surrounding whitespace and values outside <see cref="decimal"/>'s range —
/// none of them is a decimal the contracts allow, so a client that accepted them would hide a
/// provider defect. Scale is kept ("1.10" parses to 1.10m and formats back to "1.10").
/// </summary>
public static class DecimalString
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>Parses a wire decimal; throws <see cref="FormatException"/> on anything else.</summary>
    public static decimal Parse(string value)
    {
        if (!TryParse(value, out var result))
        {
            throw new FormatException($"'{value}' is not a decimal string (digits, optional sign and '.', no exponent).");
        }

        return result;
    }

    /// <summary>Parses a wire decimal; an empty string (proto3 default) gives <paramref name="whenEmpty"/>.</summary>
    public static decimal ParseOrDefault(string? value, decimal whenEmpty = 0m)
        => string.IsNullOrEmpty(value) ? whenEmpty : Parse(value);

    public static bool TryParse([NotNullWhen(true)] string? value, out decimal result)
    {
        result = 0m;
        if (string.IsNullOrEmpty(value) || !IsPlainDecimal(value))
        {
            return false;
        }

        return decimal.TryParse(value, Style, CultureInfo.InvariantCulture, out result);
    }

    /// <summary>Formats in invariant notation, keeping the scale; never an exponent or a group separator.</summary>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    // Checked by hand so that the accepted grammar does not depend on NumberStyles' extras.
    private static bool IsPlainDecimal(string value)
    {
        var i = value[0] is '-' or '+' ? 1 : 0;
        var digits = 0;
        var fractionDigits = -1;
        for (; i < value.Length; i++)
        {
            var c = value[i];
            if (c is >= '0' and <= '9')
            {
                digits++;
                if (fractionDigits >= 0)
                {
                    fractionDigits++;
                }
            }
            else if (c == '.' && fractionDigits < 0 && digits > 0)
            {
                fractionDigits = 0;
            }
            else
            {
                return false;
            }
        }

        return digits > 0 && fractionDigits != 0;
    }
}
