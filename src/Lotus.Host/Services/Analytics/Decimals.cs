using System.Globalization;

namespace Lotus.Host.Services.Analytics;

/// <summary>Decimal strings of the wire (invariant culture) at the pipeline's scale 10 (semantics §0).</summary>
public static class Decimals
{
    public const int Scale = 10;

    public static decimal Round(decimal value) => Math.Round(value, Scale, MidpointRounding.ToEven);

    public static string Format(decimal value) => Round(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>An unknown value (unvalued day) is an empty string, never zero.</summary>
    public static string Format(decimal? value) => value is { } v ? Format(v) : string.Empty;

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
