using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Lotus.Grpc.Client;
using Lotus.Grpc.Runtime.Tests.Client.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Runtime.Tests.Client;

[TestFixture]
public sealed class CompressionAndLimitTests
{
    [TestCase("gzip")]
    [TestCase("deflate")]
    public async Task CompressedResponse_IsDecoded(string encoding)
    {
        var payload = new StringValue { Value = new string('z', 5000) }.ToByteArray();
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            context.Response.Headers["grpc-encoding"] = encoding;
            await GrpcWire.StartAsync(context);
            var compressed = encoding == "gzip" ? GrpcWire.Gzip(payload) : GrpcWire.Zlib(payload);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame(compressed, flag: 1));
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel();

        var response = await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default);

        Assert.That(response.Value, Has.Length.EqualTo(5000));
    }

    [Test]
    public async Task RequestCompression_SendsGrpcEncodingAndCompressedFrames()
    {
        string? encoding = null;
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            encoding = context.Request.Headers["grpc-encoding"];
            var request = await ReadCompressedAsync(context);
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame(request.flag + ":" + request.text));
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel(new GrpcChannelOptions { RequestCompression = "gzip" });

        var response = await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue { Value = "squeeze me" }, default);

        Assert.That(encoding, Is.EqualTo("gzip"));
        Assert.That(response.Value, Is.EqualTo("1:squeeze me"));
    }

    [Test]
    public async Task CompressedResponseInAnUnsupportedEncoding_IsInternal()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            context.Response.Headers["grpc-encoding"] = "snappy";
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame([1, 2, 3], flag: 1));
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Internal));
        Assert.That(error.Status.Detail, Does.Contain("snappy"));
    }

    [Test]
    public async Task CompressedFlagWithoutGrpcEncoding_IsInternal()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame(GrpcWire.Gzip([]), flag: 1));
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Internal));
    }

    [Test]
    public async Task ResponseOverTheReceiveLimit_IsResourceExhausted_AndTheStreamIsCancelled()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.ServerStreaming.FullName, async context =>
        {
            context.RequestAborted.Register(() => aborted.TrySetResult());
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame("small"));

            // Announces 2 KiB, sends only the prefix and a little, then waits: the client must not wait for the rest.
            await GrpcWire.WriteAsync(context, GrpcWire.Frame(new byte[2048])[..20]);
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        }));
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 1024 });

        using var call = channel.AsyncServerStreamingCall(GrpcWire.ServerStreaming, new StringValue(), default);
        Assert.That(await call.ResponseStream.MoveNext(), Is.True);
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext())!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task CompressedResponseInflatingPastTheLimit_IsResourceExhausted()
    {
        var payload = new StringValue { Value = new string('a', 100_000) }.ToByteArray();
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            context.Response.Headers["grpc-encoding"] = "gzip";
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame(GrpcWire.Gzip(payload), flag: 1));
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 10_000 });

        var error = Assert.ThrowsAsync<RpcException>(async () => await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    [Test]
    public async Task RequestOverTheSendLimit_IsResourceExhausted_AndNothingIsSent()
    {
        var requests = 0;
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, context =>
        {
            Interlocked.Increment(ref requests);
            GrpcWire.TrailersOnly(context, 0);
            return Task.CompletedTask;
        }));
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 100 });

        using var call = channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue { Value = new string('b', 200) }, default);
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync)!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
        Assert.That(Volatile.Read(ref requests), Is.Zero);
    }

    [Test]
    public async Task StreamedRequestOverTheSendLimit_FailsTheWriteAndTheCall()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.ClientStreaming.FullName, async context =>
        {
            await foreach (var unused in GrpcWire.ReadRequestsAsync(context))
            {
            }

            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame("done"));
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 100 });

        using var call = channel.AsyncClientStreamingCall(GrpcWire.ClientStreaming, default);
        await call.RequestStream.WriteAsync(new StringValue { Value = "fits" });
        var writeError = Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new StringValue { Value = new string('c', 500) }))!;
        var callError = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync)!;

        Assert.That(writeError.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
        Assert.That(callError.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    private static async Task<(int flag, string text)> ReadCompressedAsync(HttpContext context)
    {
        var header = new byte[5];
        await context.Request.Body.ReadExactlyAsync(header);
        var payload = new byte[System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
        await context.Request.Body.ReadExactlyAsync(payload);
        using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(payload), System.IO.Compression.CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await gzip.CopyToAsync(plain);
        return (header[0], StringValue.Parser.ParseFrom(plain.ToArray()).Value);
    }
}
