using Lotus.Domain.Reference;

namespace Lotus.Domain.Internal;

/// <summary>Fee resolution used everywhere (semantics 1.1).</summary>
internal static class Fees
{
    /// <summary>Sum of the components when any is present, else the trade fee; null is zero.</summary>
    public static decimal Resolve(Transaction t)
    {
        var c = t.FeeComponents;
        if (c is not null && c.AnyPresent)
        {
            return (c.Brokerage ?? 0m) + (c.StampDuty ?? 0m) + (c.ExchangeFee ?? 0m) + (c.Gst ?? 0m) + (c.OtherFees ?? 0m);
        }

        return t.TradeFee ?? 0m;
    }
}
