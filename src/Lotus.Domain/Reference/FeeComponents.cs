namespace Lotus.Domain.Reference;

/// <summary>Optional fee breakdown of a transaction (semantics 1.1). Nulls count as zero.</summary>
public sealed record FeeComponents(
    decimal? Brokerage = null,
    decimal? StampDuty = null,
    decimal? ExchangeFee = null,
    decimal? Gst = null,
    decimal? OtherFees = null)
{
    public bool AnyPresent => Brokerage is not null || StampDuty is not null || ExchangeFee is not null || Gst is not null || OtherFees is not null;
}
