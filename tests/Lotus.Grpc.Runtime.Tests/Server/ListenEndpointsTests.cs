using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Lotus.Grpc.Server;
using Lotus.Grpc.Tests.Infrastructure;
using Lotus.Grpc.Tests.V1;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Tests.Server;

[TestFixture]
public sealed class ListenEndpointsTests
{
    [Test]
    public async Task Cleartext_GrpcOnHttp2PortAndRestOnHttp1Port()
    {
        await using var app = await StartAsync(new GrpcEndpointOptions { GrpcPort = 0, RestPort = 0 });
        var (grpc, rest) = Addresses(app);

        using var client = new GrpcTestClient(grpc);
        using var response = await client.PostAsync("/lotus.test.v1.TestService/Unary", new EchoRequest { Text = "h2c" });
        Assert.That((await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser)).Single().Text, Is.EqualTo("h2c"));

        using var http1 = new HttpClient();
        using var restResponse = await http1.GetAsync(new Uri(rest, "/ping"));
        Assert.That(restResponse.Version, Is.EqualTo(HttpVersion.Version11));
        Assert.That(await restResponse.Content.ReadAsStringAsync(), Is.EqualTo("pong"));
    }

    [Test]
    public async Task Tls_GrpcNegotiatesHttp2ByAlpn()
    {
        var certificatePath = Path.Combine(Path.GetTempPath(), $"lotus-test-{Guid.NewGuid():N}.pfx");
        using (var rsa = RSA.Create(2048))
        {
            var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            await File.WriteAllBytesAsync(certificatePath, certificate.Export(X509ContentType.Pfx, "pw"));
        }

        try
        {
            await using var app = await StartAsync(new GrpcEndpointOptions { GrpcPort = 0, RestPort = null, CertificatePath = certificatePath, CertificatePassword = "pw" });
            var grpc = Addresses(app).Grpc;
            Assert.That(grpc.Scheme, Is.EqualTo("https"));

            using var http = new HttpClient(new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            });
            var message = GrpcTestClient.CreateRequest(new Uri(grpc, "/lotus.test.v1.TestService/Unary").ToString(), GrpcTestClient.Frame(new EchoRequest { Text = "tls" }));
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);

            Assert.That(response.Version, Is.EqualTo(HttpVersion.Version20));
            Assert.That((await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser)).Single().Text, Is.EqualTo("tls"));
            response.AssertTrailerStatus(StatusCode.OK);
        }
        finally
        {
            File.Delete(certificatePath);
        }
    }

    private static async Task<WebApplication> StartAsync(GrpcEndpointOptions endpoints)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.ListenLotusEndpoints(endpoints));
        builder.Services.AddLotusGrpc();
        var app = builder.Build();
        app.MapGrpcService<TestServiceImplementation>();
        app.MapGet("/ping", () => Results.Text("pong"));
        await app.StartAsync();
        return app;
    }

    private static (Uri Grpc, Uri Http1) Addresses(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        return (addresses[0], addresses.Count > 1 ? addresses[1] : addresses[0]);
    }
}
