using System.IO.Pipelines;
using Google.Protobuf;
using Lotus.Grpc.Server.Internal;
using Lotus.Grpc.Tests.Infrastructure;
using Lotus.Grpc.Tests.V1;

namespace Lotus.Grpc.Tests.Protocol;

[TestFixture]
public sealed class MessageFramingTests
{
    private static readonly EchoRequest[] Messages =
    [
        new() { Text = "first", Count = 1 },
        new(),
        new() { Payload = ByteString.CopyFrom(new byte[300]), Count = 3 },
    ];

    private static byte[] AllFrames => Messages.SelectMany(m => GrpcTestClient.Frame(m)).ToArray();

    [Test]
    public async Task OneBytePerReadAndPerSegment_EveryMessageIsRead()
    {
        var pipe = new OneByteAtATimePipeReader(AllFrames);
        var reader = new GrpcMessageReader(pipe, maxReceiveMessageSize: null, requestEncoding: null);

        var read = new List<EchoRequest>();
        while (await reader.ReadMessageAsync(EchoRequest.Parser, CancellationToken.None) is { } message)
        {
            read.Add(message);
        }

        Assert.That(read, Is.EqualTo(Messages));
        Assert.That(pipe.Reads, Is.GreaterThanOrEqualTo(AllFrames.Length), "every byte was its own read");
    }

    [Test]
    public async Task SplitInTwoAtEveryByteBoundary_EveryMessageIsRead()
    {
        var frames = AllFrames;
        for (var split = 0; split <= frames.Length; split++)
        {
            var pipe = new Pipe();
            var reader = new GrpcMessageReader(pipe.Reader, maxReceiveMessageSize: null, requestEncoding: null);
            var readTask = ReadAllAsync(reader);
            await pipe.Writer.WriteAsync(frames.AsMemory(0, split));
            await pipe.Writer.WriteAsync(frames.AsMemory(split));
            await pipe.Writer.CompleteAsync();

            Assert.That(await readTask, Is.EqualTo(Messages), $"split at {split}");
        }
    }

    [Test]
    public void EndOfStreamInsideAPrefixOrMessage_IsInternal()
    {
        var frames = GrpcTestClient.Frame(new EchoRequest { Text = "abc" });
        for (var length = 1; length < frames.Length; length++)
        {
            var reader = new GrpcMessageReader(new OneByteAtATimePipeReader(frames[..length]), null, null);
            var error = Assert.ThrowsAsync<RpcException>(async () => await reader.ReadMessageAsync(EchoRequest.Parser, CancellationToken.None));
            Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Internal), $"length {length}");
        }
    }

    [Test]
    public void LengthPrefixOverLimit_FailsBeforeTheBodyArrives()
    {
        // Only the 5-byte prefix exists: the limit must be enforced on the declared length alone.
        byte[] prefix = [0, 0, 0x10, 0, 0];
        var pipe = new Pipe();
        pipe.Writer.WriteAsync(prefix).AsTask().Wait();
        var reader = new GrpcMessageReader(pipe.Reader, maxReceiveMessageSize: 1024, requestEncoding: null);

        var error = Assert.ThrowsAsync<RpcException>(async () => await reader.ReadMessageAsync(EchoRequest.Parser, CancellationToken.None));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
    }

    [Test]
    public void InvalidCompressedFlag_IsInternal()
    {
        var frame = GrpcTestClient.Frame(new EchoRequest { Text = "x" });
        frame[0] = 0x80;
        var reader = new GrpcMessageReader(new OneByteAtATimePipeReader(frame), null, null);

        var error = Assert.ThrowsAsync<RpcException>(async () => await reader.ReadMessageAsync(EchoRequest.Parser, CancellationToken.None));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.Internal));
    }

    [TestCase("gzip")]
    [TestCase("deflate")]
    public async Task CompressedMessageSplitPerByte_IsInflated(string encoding)
    {
        var message = new EchoRequest { Text = new string('q', 2000) };
        var frame = GrpcTestClient.Frame(Server.CompressionTests.Compress(encoding, message.ToByteArray()), compressed: true);
        var reader = new GrpcMessageReader(new OneByteAtATimePipeReader(frame), null, encoding);

        Assert.That(await reader.ReadMessageAsync(EchoRequest.Parser, CancellationToken.None), Is.EqualTo(message));
    }

    [Test]
    public async Task Writer_FramesMessagesTheReaderReadsBack()
    {
        var pipe = new Pipe();
        var writer = new GrpcMessageWriter(pipe.Writer, maxSendMessageSize: null, compression: static () => null);
        var big = new EchoRequest { Payload = ByteString.CopyFrom(new byte[10_000]) };
        foreach (var message in Messages.Append(big))
        {
            writer.Write(message);
        }

        await pipe.Writer.CompleteAsync();
        var read = await ReadAllAsync(new GrpcMessageReader(pipe.Reader, null, null));
        Assert.That(read, Is.EqualTo(Messages.Append(big)));
    }

    [Test]
    public void Writer_MessageOverSendLimit_IsResourceExhaustedAndNothingIsWritten()
    {
        var pipe = new Pipe();
        var writer = new GrpcMessageWriter(pipe.Writer, maxSendMessageSize: 10, compression: static () => null);

        var error = Assert.Throws<RpcException>(() => writer.Write(new EchoRequest { Text = new string('a', 20) }));
        Assert.That(error!.StatusCode, Is.EqualTo(StatusCode.ResourceExhausted));
        Assert.That(writer.UnflushedBytes, Is.Zero);
    }

    private static async Task<List<EchoRequest>> ReadAllAsync(GrpcMessageReader reader)
    {
        var read = new List<EchoRequest>();
        while (await reader.ReadMessageAsync(EchoRequest.Parser, CancellationToken.None) is { } message)
        {
            read.Add(message);
        }

        return read;
    }
}
