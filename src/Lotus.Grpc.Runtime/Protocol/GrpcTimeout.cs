using System.Globalization;

namespace Lotus.Grpc.Protocol;

/// <summary>
/// The grpc-timeout header codec.
/// <code>
/// Timeout      = TimeoutValue TimeoutUnit
/// TimeoutValue = 1*8DIGIT
/// TimeoutUnit  = "H" / "M" / "S" / "m" / "u" / "n"   ; hours, minutes, seconds, milli-, micro-, nanoseconds
/// </code>
/// A malformed value is rejected by <see cref="TryParse"/>; the server then answers INTERNAL rather than
/// silently running without a deadline.
/// </summary>
internal static class GrpcTimeout
{
    private static readonly (char Unit, long Nanoseconds)[] UnitsFinestFirst =
    [
        ('n', 1L),
        ('u', 1_000L),
        ('m', 1_000_000L),
        ('S', 1_000_000_000L),
        ('M', 60_000_000_000L),
        ('H', 3_600_000_000_000L),
    ];

    public static bool TryParse(string? value, out TimeSpan timeout)
    {
        timeout = default;
        if (value is null || value.Length < 2 || value.Length > 9)
        {
            return false;
        }

        long amount = 0;
        for (var i = 0; i < value.Length - 1; i++)
        {
            var c = value[i];
            if (c is < '0' or > '9')
            {
                return false;
            }

            amount = (amount * 10) + (c - '0');
        }

        long nanosPerUnit = 0;
        foreach (var (unit, nanos) in UnitsFinestFirst)
        {
            if (unit == value[^1])
            {
                nanosPerUnit = nanos;
                break;
            }
        }

        if (nanosPerUnit == 0)
        {
            return false;
        }

        // Hours and minutes at 8 digits exceed TimeSpan's tick range only past ~29,000 years: clamp instead.
        var ticks = nanosPerUnit >= 100
            ? SaturatingMultiply(amount, nanosPerUnit / 100)
            : (amount * nanosPerUnit + 99) / 100;
        timeout = TimeSpan.FromTicks(ticks);
        return true;
    }

    /// <summary>
    /// Formats with the finest unit whose value fits 8 digits, rounding up so the peer never sees a
    /// shorter deadline than ours. A deadline already passed is sent as <c>1n</c>, never omitted.
    /// </summary>
    public static string Format(TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return "1n";
        }

        var ticks = timeout.Ticks;
        foreach (var (unit, nanos) in UnitsFinestFirst)
        {
            long amount;
            if (nanos < 100)
            {
                if (ticks > long.MaxValue / 100)
                {
                    continue;
                }

                amount = ticks * (100 / nanos);
            }
            else
            {
                var ticksPerUnit = nanos / 100;
                amount = (ticks + ticksPerUnit - 1) / ticksPerUnit;
            }

            if (amount <= GrpcProtocolConstants.MaxTimeoutValue)
            {
                return amount.ToString(CultureInfo.InvariantCulture) + unit;
            }
        }

        return GrpcProtocolConstants.MaxTimeoutValue.ToString(CultureInfo.InvariantCulture) + "H";
    }

    private static long SaturatingMultiply(long a, long b) => a > TimeSpan.MaxValue.Ticks / b ? TimeSpan.MaxValue.Ticks : a * b;
}
