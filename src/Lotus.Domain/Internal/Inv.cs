using System.Globalization;

namespace Lotus.Domain.Internal;

/// <summary>Invariant formatting for messages.</summary>
internal static class Inv
{
    public static string S(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string S(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
