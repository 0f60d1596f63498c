using Google.Protobuf;
using Lotus.Grpc.Server;
using Lotus.Grpc.Tests.Infrastructure;
using Lotus.Grpc.Tests.V1;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Lotus.Grpc.Tests.Server;

[TestFixture]
public sealed class LimitTests : KestrelTestBase
{
    private const string UnaryPath = "/lotus.test.v1.TestService/Unary";

    protected override void ConfigureGrpc(GrpcServerOptions options)
    {
        options.MaxReceiveMessageSize = 1000;
        options.MaxSendMessageSize = 2000;
    }

    protected override void ConfigureKestrel(KestrelServerOptions options)
    {
        // Strict Kestrel limits that would cut a long client stream if the server did not lift them per call.
        options.Limits.MaxRequestBodySize = 500;
        options.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 100_000, gracePeriod: TimeSpan.FromSeconds(2));
    }

    [Test]
    public async Task RequestOverReceiveLimit_AnswersResourceExhausted()
    {
        using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Payload = ByteString.CopyFrom(new byte[1200]) });

        await response.AssertTrailersOnlyAsync(StatusCode.ResourceExhausted);
    }

    [Test]
    public async Task CompressedRequestInflatingPastReceiveLimit_AnswersResourceExhausted()
    {
        var big = new EchoRequest { Payload = ByteString.CopyFrom(new byte[50_000]) }.ToByteArray();
        var compressed = CompressionTests.Compress("gzip", big);
        Assert.That(compressed.Length, Is.LessThan(1000), "the frame itself is under the limit");
        var request = GrpcTestClient.CreateRequest(UnaryPath, GrpcTestClient.Frame(compressed, compressed: true));
        request.Headers.TryAddWithoutValidation("grpc-encoding", "gzip");
        using var response = await Client.SendAsync(request);

        await response.AssertTrailersOnlyAsync(StatusCode.ResourceExhausted);
    }

    [Test]
    public async Task ResponseOverSendLimit_AnswersResourceExhaustedWithoutMessage()
    {
        using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Mode = "big", Count = 3000 });

        await response.AssertTrailersOnlyAsync(StatusCode.ResourceExhausted);
    }

    [Test]
    public async Task ResponseUnderSendLimit_IsSent()
    {
        using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Mode = "big", Count = 1500 });

        Assert.That((await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser)).Single().Payload.Length, Is.EqualTo(1500));
        response.AssertTrailerStatus(StatusCode.OK);
    }

    [Test]
    public async Task SlowLongClientStream_PastKestrelBodySizeAndMinDataRate_Completes()
    {
        var content = new StreamingContent();
        var responseTask = Client.SendAsync(GrpcTestClient.CreateRequest("/lotus.test.v1.TestService/ClientStream", content));
        for (var i = 0; i < 16; i++)
        {
            content.Send(GrpcTestClient.Frame(new EchoRequest { Count = 1, Payload = ByteString.CopyFrom(new byte[100]) }));
            await Task.Delay(250);
        }

        content.Complete();
        using var response = await responseTask;

        var reply = (await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser)).Single();
        Assert.That(reply.Count, Is.EqualTo(16));
        response.AssertTrailerStatus(StatusCode.OK);
    }
}
