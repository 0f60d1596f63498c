using System.Globalization;

namespace Lotus.Client;

/// <summary>Business dates on the wire: "YYYY-MM-DD" (common.proto).</summary>
public static class DateString
{
    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly Parse(string value) => DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None);
}
