namespace Lotus.Grpc.Server;

/// <summary>
/// Where the host listens (bind from configuration, e.g. section "Lotus:Endpoints"). gRPC gets its
/// own HTTP/2 port because a cleartext port that allows both HTTP/1.1 and HTTP/2 always speaks
/// HTTP/1.1 (aspnetcore issue 56984), and gRPC clients use HTTP/2 prior knowledge.
/// </summary>
public sealed class GrpcEndpointOptions
{
    /// <summary>IP address to bind, e.g. "127.0.0.1", "0.0.0.0" or "::". Defaults to "127.0.0.1".</summary>
    public string Address { get; set; } = "127.0.0.1";

    /// <summary>gRPC port (HTTP/2 only). Defaults to 50051; 0 picks a free port.</summary>
    public int GrpcPort { get; set; } = 50051;

    /// <summary>REST port (HTTP/1.1; HTTP/1.1 and HTTP/2 over TLS). Defaults to 8080; null disables it; 0 picks a free port.</summary>
    public int? RestPort { get; set; } = 8080;

    /// <summary>
    /// PKCS#12 (.pfx) certificate enabling TLS on both ports; null (default) serves cleartext.
    /// With TLS, ALPN lets the gRPC port negotiate h2.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>Password of <see cref="CertificatePath"/>, if any.</summary>
    public string? CertificatePassword { get; set; }
}
