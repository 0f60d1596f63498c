using Google.Protobuf;
using Lotus.Grpc.Tests.Infrastructure;
using Lotus.Grpc.Tests.V1;

namespace Lotus.Grpc.Tests.Server;

[TestFixture]
public sealed class StreamingCallTests : KestrelTestBase
{
    [Test]
    public async Task ServerStreaming_SendsEveryMessageThenOk()
    {
        using var response = await Client.PostAsync("/lotus.test.v1.TestService/ServerStream", new EchoRequest { Text = "s", Count = 1000 });

        var replies = await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser);
        Assert.That(replies.Select(r => r.Count), Is.EqualTo(Enumerable.Range(0, 1000)));
        response.AssertTrailerStatus(StatusCode.OK);
    }

    [Test]
    public async Task ServerStreaming_ZeroMessages_AnswersOk()
    {
        using var response = await Client.PostAsync("/lotus.test.v1.TestService/ServerStream", new EchoRequest { Count = 0 });

        await response.AssertTrailersOnlyAsync(StatusCode.OK);
    }

    [Test]
    public async Task ServerStreaming_ErrorAfterMessages_PutsStatusInTrailers()
    {
        using var response = await Client.PostAsync("/lotus.test.v1.TestService/ServerStream", new EchoRequest { Count = 3, Mode = "error-after" });

        var replies = await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser);
        Assert.That(replies, Has.Count.EqualTo(3));
        response.AssertTrailerStatus(StatusCode.Aborted, "after messages");
    }

    [Test]
    public async Task ClientStreaming_MessagesSplitAcrossDataFramesAtEveryBoundary_AreAllRead()
    {
        // Every message is sent in pieces: the prefix itself is split, one byte per DATA frame for the first message.
        var content = new StreamingContent();
        var responseTask = Client.SendAsync(GrpcTestClient.CreateRequest("/lotus.test.v1.TestService/ClientStream", content));
        var first = GrpcTestClient.Frame(new EchoRequest { Text = "ab", Count = 1 });
        foreach (var b in first)
        {
            content.Send([b]);
        }

        var rest = new List<byte>();
        for (var i = 2; i <= 10; i++)
        {
            rest.AddRange(GrpcTestClient.Frame(new EchoRequest { Text = "x", Count = i }));
        }

        var restBytes = rest.ToArray();
        for (var offset = 0; offset < restBytes.Length; offset += 3)
        {
            content.Send(restBytes[offset..Math.Min(offset + 3, restBytes.Length)]);
        }

        content.Complete();
        using var response = await responseTask;
        var reply = (await GrpcTestClient.ReadMessagesAsync(response, EchoReply.Parser)).Single();
        Assert.That(reply.Count, Is.EqualTo(55));
        Assert.That(reply.Text, Is.EqualTo("ab" + new string('x', 9)));
        response.AssertTrailerStatus(StatusCode.OK);
    }

    [Test]
    public async Task Duplex_EchoesEachMessageWhileTheRequestIsStillOpen()
    {
        var content = new StreamingContent();
        var responseTask = Client.SendAsync(GrpcTestClient.CreateRequest("/lotus.test.v1.TestService/Duplex", content));
        content.Send(GrpcTestClient.Frame(new EchoRequest { Text = "ping", Count = 1 }));
        using var response = await responseTask;
        var body = await response.Content.ReadAsStreamAsync();
        var firstReply = await ReadOneAsync(body);
        Assert.That(firstReply.Text, Is.EqualTo("ping"), "reply arrives before the client half-closes");

        content.Send(GrpcTestClient.Frame(new EchoRequest { Text = "pong", Count = 2 }));
        Assert.That((await ReadOneAsync(body)).Text, Is.EqualTo("pong"));
        content.Complete();
        var tail = new MemoryStream();
        await body.CopyToAsync(tail);
        Assert.That(tail.Length, Is.Zero);
        response.AssertTrailerStatus(StatusCode.OK);
    }

    private static async Task<EchoReply> ReadOneAsync(Stream body)
    {
        var prefix = new byte[5];
        await body.ReadExactlyAsync(prefix);
        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(prefix.AsSpan(1));
        var payload = new byte[length];
        await body.ReadExactlyAsync(payload);
        return EchoReply.Parser.ParseFrom(payload);
    }
}
