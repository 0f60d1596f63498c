using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Lotus.Grpc.Server;

public static class GrpcKestrelExtensions
{
    /// <summary>
    /// Listens on the gRPC port (HTTP/2 only, prior knowledge when cleartext) and, when configured,
    /// the REST port (HTTP/1.1; HTTP/1.1 and HTTP/2 with TLS).
    /// </summary>
    public static KestrelServerOptions ListenLotusEndpoints(this KestrelServerOptions kestrel, GrpcEndpointOptions endpoints)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        ArgumentNullException.ThrowIfNull(endpoints);
        if (!IPAddress.TryParse(endpoints.Address, out var address))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"'{endpoints.Address}' is not an IP address."), nameof(endpoints));
        }

        var tls = !string.IsNullOrEmpty(endpoints.CertificatePath);
        kestrel.Listen(address, endpoints.GrpcPort, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            if (tls)
            {
                listen.UseHttps(endpoints.CertificatePath!, endpoints.CertificatePassword);
            }
        });

        if (endpoints.RestPort is { } restPort)
        {
            kestrel.Listen(address, restPort, listen =>
            {
                listen.Protocols = tls ? HttpProtocols.Http1AndHttp2 : HttpProtocols.Http1;
                if (tls)
                {
                    listen.UseHttps(endpoints.CertificatePath!, endpoints.CertificatePassword);
                }
            });
        }

        return kestrel;
    }
}
