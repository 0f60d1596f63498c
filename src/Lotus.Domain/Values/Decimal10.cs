namespace Lotus.Domain.Values;

/// <summary>
/// The original's "calculated decimal policy": results are quantised once to scale 10 with banker's
/// rounding (semantics 0 and 2.6). Intermediate values stay unrounded <see cref="decimal"/>.
/// </summary>
public static class Decimal10
{
    /// <summary>Rounds to 10 decimal places, half to even.</summary>
    public static decimal Quantize(decimal value) => Math.Round(value, 10, MidpointRounding.ToEven);

    /// <summary>Quantises a nullable value; null stays null.</summary>
    public static decimal? Quantize(decimal? value) => value is { } v ? Quantize(v) : null;
}
