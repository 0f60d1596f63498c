using System.Buffers.Binary;
using Google.Protobuf;
using Lotus.CodeGen.Test.V1;
using Lotus.CodegenCommon.V1;
using Lotus.Grpc.Runtime.Tests.Client.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.CodeGen.Tests.EndToEnd;

/// <summary>
/// Generated clients over a real GrpcChannel against a scripted Kestrel peer that answers on the paths
/// and with the message types the generated Method descriptors name.
/// </summary>
[TestFixture]
public sealed class GeneratedClientOverChannelTests
{
    private ScriptedGrpcServer server = null!;
    private Lotus.Grpc.Client.GrpcChannel channel = null!;
    private EchoService.EchoServiceClient client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        server = await ScriptedGrpcServer.StartAsync(app =>
        {
            app.MapPost(EchoService.EchoMethod.FullName, async context =>
            {
                var request = EchoRequest.Parser.ParseFrom((await ReadAllAsync(context)).Single());
                await RespondAsync(context, new EchoResponse { Text = request.Text });
            });
            app.MapPost(EchoService.ExpandMethod.FullName, async context =>
            {
                var request = EchoRequest.Parser.ParseFrom((await ReadAllAsync(context)).Single());
                await RespondAsync(context, Enumerable.Range(0, request.Count).Select(i => new EchoResponse.Types.Part { Index = i, Text = request.Text }).ToArray());
            });
            app.MapPost(EchoService.CollectMethod.FullName, async context =>
            {
                var total = (await ReadAllAsync(context)).Sum(bytes => Chunk.Parser.ParseFrom(bytes).Data.Length);
                await RespondAsync(context, new Google.Protobuf.WellKnownTypes.Timestamp { Seconds = total });
            });
            app.MapPost(EchoService.ChatMethod.FullName, async context =>
            {
                var replies = (await ReadAllAsync(context)).Select(bytes => new EchoResponse { Text = EchoRequest.Parser.ParseFrom(bytes).Text.ToUpperInvariant() });
                await RespondAsync(context, replies.ToArray());
            });
        });
        channel = server.CreateChannel();
        client = new EchoService.EchoServiceClient(channel);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        channel.Dispose();
        await server.DisposeAsync();
    }

    [Test]
    public async Task Unary_RoundTripsThroughTheGeneratedClient()
    {
        var response = await client.EchoAsync(new EchoRequest { Text = "hello" });

        Assert.That(response.Text, Is.EqualTo("hello"));
    }

    [Test]
    public async Task ServerStreaming_ReturnsNestedMessageType()
    {
        using var call = client.Expand(new EchoRequest { Text = "p", Count = 3 });
        var parts = await call.ResponseStream.ReadAllAsync().ToListAsync();

        Assert.That(parts.Select(p => p.Index), Is.EqualTo(new[] { 0, 1, 2 }));
    }

    [Test]
    public async Task ClientStreaming_SendsImportedMessages_AndReadsAWellKnownType()
    {
        using var call = client.Collect();
        await call.RequestStream.WriteAsync(new Chunk { Data = ByteString.CopyFrom(new byte[10]) });
        await call.RequestStream.WriteAsync(new Chunk { Data = ByteString.CopyFrom(new byte[5]) });
        await call.RequestStream.CompleteAsync();

        Assert.That((await call).Seconds, Is.EqualTo(15));
    }

    [Test]
    public async Task Duplex_EchoesEveryMessage()
    {
        using var call = client.Chat();
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "a" });
        await call.RequestStream.WriteAsync(new EchoRequest { Text = "b" });
        await call.RequestStream.CompleteAsync();
        var replies = await call.ResponseStream.ReadAllAsync().Select(r => r.Text).ToListAsync();

        Assert.That(replies, Is.EqualTo(new[] { "A", "B" }));
    }

    [Test]
    public void UnmappedRpc_IsUnimplemented()
    {
        var error = Assert.ThrowsAsync<RpcException>(async () => await client.FailAsync(new Google.Protobuf.WellKnownTypes.Empty()))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Unimplemented), "Kestrel's 404 maps to UNIMPLEMENTED");
    }

    private static async Task<List<byte[]>> ReadAllAsync(HttpContext context)
    {
        var messages = new List<byte[]>();
        var header = new byte[5];
        while (await context.Request.Body.ReadAtLeastAsync(header, 5, throwOnEndOfStream: false) == 5)
        {
            var payload = new byte[BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1))];
            await context.Request.Body.ReadExactlyAsync(payload);
            messages.Add(payload);
        }

        return messages;
    }

    private static async Task RespondAsync(HttpContext context, params IMessage[] messages)
    {
        context.Response.ContentType = "application/grpc";
        await context.Response.StartAsync();
        foreach (var message in messages)
        {
            var payload = message.ToByteArray();
            var frame = new byte[5 + payload.Length];
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
            payload.CopyTo(frame, 5);
            await context.Response.Body.WriteAsync(frame);
        }

        context.Response.AppendTrailer("grpc-status", "0");
    }
}
