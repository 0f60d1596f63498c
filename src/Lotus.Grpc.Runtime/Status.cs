namespace Lotus.Grpc;

/// <summary>The outcome of a call: a code, a human-readable detail and optional rich details.</summary>
/// <param name="Code">The grpc-status value.</param>
/// <param name="Detail">The grpc-message text (sent percent-encoded).</param>
/// <param name="Details">Rich details sent as grpc-status-details-bin; its code must equal <paramref name="Code"/>.</param>
public sealed record Status(StatusCode Code, string Detail, Google.Rpc.Status? Details = null)
{
    public static readonly Status Ok = new(StatusCode.OK, string.Empty);

    public override string ToString() => $"Status(StatusCode=\"{Code}\", Detail=\"{Detail}\")";
}
