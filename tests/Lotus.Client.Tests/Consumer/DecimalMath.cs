namespace Lotus.Client.Tests.Consumer;

/// <summary>Natural logarithm in decimal (the Carino factors need ln; no double in the oracle).</summary>
internal static class DecimalMath
{
    private const decimal Ln2 = 0.6931471805599453094172321215m;

    /// <summary>ln(x) for x &gt; 0: x = m * 2^k with m in [0.5, 2], ln m = 2 atanh((m-1)/(m+1)) by its series.</summary>
    public static decimal Ln(decimal x)
    {
        if (x <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "ln needs a positive argument");
        }

        var k = 0;
        while (x > 2m)
        {
            x /= 2m;
            k++;
        }

        while (x < 0.5m)
        {
            x *= 2m;
            k--;
        }

        var y = (x - 1m) / (x + 1m);
        var y2 = y * y;
        var term = y;
        var sum = 0m;
        for (var n = 1; n < 400; n += 2)
        {
            var add = term / n;
            if (add == 0m)
            {
                break;
            }

            sum += add;
            term *= y2;
        }

        return (2m * sum) + (k * Ln2);
    }
}
