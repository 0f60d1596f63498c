using System.IO.Compression;
using Google.Protobuf;
using Lotus.Grpc.Server;
using Lotus.Grpc.Tests.Infrastructure;
using Lotus.Grpc.Tests.V1;

namespace Lotus.Grpc.Tests.Server;

[TestFixture("gzip")]
[TestFixture("deflate")]
public sealed class CompressionTests(string algorithm) : KestrelTestBase
{
    private const string UnaryPath = "/lotus.test.v1.TestService/Unary";

    protected override void ConfigureGrpc(GrpcServerOptions options) => options.ResponseCompressionAlgorithm = algorithm;

    [Test]
    public async Task CompressedRequest_IsDecompressed()
    {
        var request = new EchoRequest { Text = new string('z', 300), Count = 3 };
        var httpRequest = GrpcTestClient.CreateRequest(UnaryPath, GrpcTestClient.Frame(Compress(algorithm, request.ToByteArray()), compressed: true));
        httpRequest.Headers.TryAddWithoutValidation("grpc-encoding", algorithm);
        using var response = await Client.SendAsync(httpRequest);

        var frames = await GrpcTestClient.ReadFramesAsync(response);
        Assert.That(frames.Single().Compressed, Is.False, "client did not offer grpc-accept-encoding");
        Assert.That(response.Header("grpc-encoding"), Is.Null);
        Assert.That(EchoReply.Parser.ParseFrom(frames[0].Payload).Text, Is.EqualTo(request.Text));
        response.AssertTrailerStatus(StatusCode.OK);
    }

    [Test]
    public async Task ClientAcceptsAlgorithm_ResponseIsCompressedWithIt()
    {
        using var response = await Client.PostAsync(
            UnaryPath,
            new EchoRequest { Text = new string('y', 500) },
            r => r.Headers.TryAddWithoutValidation("grpc-accept-encoding", "identity, deflate, gzip"));

        Assert.That(response.Header("grpc-encoding"), Is.EqualTo(algorithm));
        var frame = (await GrpcTestClient.ReadFramesAsync(response)).Single();
        Assert.That(frame.Compressed, Is.True);
        Assert.That(EchoReply.Parser.ParseFrom(Decompress(algorithm, frame.Payload)).Text, Is.EqualTo(new string('y', 500)));
        response.AssertTrailerStatus(StatusCode.OK);
    }

    [Test]
    public async Task ClientAcceptsOnlyOtherAlgorithm_ResponseIsUncompressed()
    {
        var other = algorithm == "gzip" ? "deflate" : "gzip";
        using var response = await Client.PostAsync(UnaryPath, new EchoRequest { Text = "t" }, r => r.Headers.TryAddWithoutValidation("grpc-accept-encoding", other));

        Assert.That(response.Header("grpc-encoding"), Is.Null);
        Assert.That((await GrpcTestClient.ReadFramesAsync(response)).Single().Compressed, Is.False);
    }

    [Test]
    public async Task UnsupportedRequestEncoding_AnswersUnimplementedListingSupported()
    {
        var httpRequest = GrpcTestClient.CreateRequest(UnaryPath, GrpcTestClient.Frame([1, 2, 3], compressed: true));
        httpRequest.Headers.TryAddWithoutValidation("grpc-encoding", "snappy");
        using var response = await Client.SendAsync(httpRequest);

        await response.AssertTrailersOnlyAsync(StatusCode.Unimplemented);
        var accepted = response.Header("grpc-accept-encoding");
        Assert.That(accepted, Does.Contain("gzip").And.Contain("deflate").And.Not.Contain("snappy"));
        Assert.That(accepted, Does.Not.Contain(" "), "no spaces: grpc-js splits on ',' without trimming");
    }

    [Test]
    public async Task CompressedFlagWithoutEncoding_AnswersInternal()
    {
        using var response = await Client.SendAsync(GrpcTestClient.CreateRequest(UnaryPath, GrpcTestClient.Frame(Compress(algorithm, [8, 1]), compressed: true)));

        await response.AssertTrailersOnlyAsync(StatusCode.Internal);
    }

    [Test]
    public async Task ServerStreamToAcceptingClient_CompressesEveryMessageSeparately()
    {
        using var response = await Client.PostAsync(
            "/lotus.test.v1.TestService/ServerStream",
            new EchoRequest { Text = new string('s', 200), Count = 50 },
            r => r.Headers.TryAddWithoutValidation("grpc-accept-encoding", algorithm));

        var frames = await GrpcTestClient.ReadFramesAsync(response);
        Assert.That(frames, Has.Count.EqualTo(50));
        Assert.That(frames.Select(f => f.Compressed), Is.All.True);
        Assert.That(frames.Select(f => EchoReply.Parser.ParseFrom(Decompress(algorithm, f.Payload)).Count), Is.EqualTo(Enumerable.Range(0, 50)));
        response.AssertTrailerStatus(StatusCode.OK);
    }

    internal static byte[] Compress(string algorithm, byte[] data)
    {
        using var output = new MemoryStream();
        using (Stream stream = algorithm == "gzip" ? new GZipStream(output, CompressionLevel.Optimal) : new ZLibStream(output, CompressionLevel.Optimal))
        {
            stream.Write(data);
        }

        return output.ToArray();
    }

    private static byte[] Decompress(string algorithm, byte[] data)
    {
        using var input = new MemoryStream(data);
        using Stream stream = algorithm == "gzip" ? new GZipStream(input, CompressionMode.Decompress) : new ZLibStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }
}
