using Lotus.Grpc.Protocol;
using Lotus.Grpc.Server;
using Lotus.Grpc.Tests.Infrastructure;
using Lotus.Grpc.Tests.V1;

namespace Lotus.Grpc.Tests.Server;

[TestFixture]
public sealed class DetailedErrorsTests : KestrelTestBase
{
    protected override void ConfigureGrpc(GrpcServerOptions options) => options.EnableDetailedErrors = true;

    [Test]
    public async Task DetailedErrorsOn_HandlerExceptionMessageReachesTheClient()
    {
        Logs.ExpectError(r => r.EventId.Name == "UnhandledException");
        using var response = await Client.PostAsync("/lotus.test.v1.TestService/Unary", new EchoRequest { Mode = "throw" });

        await response.AssertTrailersOnlyAsync(StatusCode.Internal);
        Assert.That(PercentEncoding.Decode(response.Header("grpc-message")!), Does.Contain("InvalidOperationException: secret internal detail"));
    }
}
