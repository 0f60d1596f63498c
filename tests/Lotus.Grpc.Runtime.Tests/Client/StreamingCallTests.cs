using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;
using Lotus.Grpc.Runtime.Tests.Client.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Runtime.Tests.Client;

[TestFixture]
public sealed class StreamingCallTests
{
    [Test]
    public async Task ServerStream_DeliversManyMessagesInOrder_ThenOkStatus()
    {
        const int count = 20_000;
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.ServerStreaming.FullName, async context =>
        {
            context.Response.Headers["x-stream"] = "numbers";
            await GrpcWire.StartAsync(context);
            using var batch = new MemoryStream();
            for (var i = 0; i < count; i++)
            {
                batch.Write(GrpcWire.Frame(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                if (batch.Length > 7000)
                {
                    await GrpcWire.WriteAsync(context, batch.ToArray());
                    batch.SetLength(0);
                }
            }

            await GrpcWire.WriteAsync(context, batch.ToArray());
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel();

        using var call = channel.AsyncServerStreamingCall(GrpcWire.ServerStreaming, new StringValue(), default);
        var headers = await call.ResponseHeadersAsync;
        var expected = 0;
        var ordered = true;
        await foreach (var message in call.ResponseStream.ReadAllAsync())
        {
            ordered &= message.Value == expected.ToString(System.Globalization.CultureInfo.InvariantCulture);
            expected++;
        }

        Assert.That(headers.GetValue("x-stream"), Is.EqualTo("numbers"));
        Assert.That(expected, Is.EqualTo(count));
        Assert.That(ordered, Is.True);
        Assert.That(call.GetStatus().Code, Is.EqualTo(StatusCode.OK));
        Assert.That(await call.ResponseStream.MoveNext(), Is.False, "the end stays the end");
    }

    [Test]
    public async Task ServerStreamEndingWithAnError_DeliversMessagesThenThrowsWithTrailers()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.ServerStreaming.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, [.. GrpcWire.Frame("a"), .. GrpcWire.Frame("b")]);
            GrpcWire.Trailers(context, 10, "aborted midway");
            context.Response.AppendTrailer("x-at", "2");
        }));
        using var channel = server.CreateChannel();

        using var call = channel.AsyncServerStreamingCall(GrpcWire.ServerStreaming, new StringValue(), default);
        var received = new List<string>();
        var error = Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext())
            {
                received.Add(call.ResponseStream.Current.Value);
            }
        })!;

        Assert.That(received, Is.EqualTo(new[] { "a", "b" }));
        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Aborted));
        Assert.That(error.Status.Detail, Is.EqualTo("aborted midway"));
        Assert.That(error.Trailers.GetValue("x-at"), Is.EqualTo("2"));
    }

    [Test]
    public async Task ClientStream_SendsEveryMessageAndHalfCloses_ThenReadsTheResponse()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.ClientStreaming.FullName, async context =>
        {
            var texts = new List<string>();
            await foreach (var message in GrpcWire.ReadRequestsAsync(context))
            {
                texts.Add(message.Value);
            }

            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame(string.Join("+", texts)));
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel();

        using var call = channel.AsyncClientStreamingCall(GrpcWire.ClientStreaming, default);
        for (var i = 0; i < 50; i++)
        {
            await call.RequestStream.WriteAsync(new StringValue { Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.That(response.Value, Is.EqualTo(string.Join("+", Enumerable.Range(0, 50))));
        Assert.That(() => call.RequestStream.WriteAsync(new StringValue()), Throws.InvalidOperationException);
    }

    [Test]
    public async Task EmptyClientStream_SendsEndOfStreamOnly()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.ClientStreaming.FullName, async context =>
        {
            var count = 0;
            await foreach (var unused in GrpcWire.ReadRequestsAsync(context))
            {
                count++;
            }

            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame("count=" + count));
            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel();

        using var call = channel.AsyncClientStreamingCall(GrpcWire.ClientStreaming, default);
        await call.RequestStream.CompleteAsync();

        Assert.That((await call.ResponseAsync).Value, Is.EqualTo("count=0"));
    }

    [Test]
    public async Task Duplex_PingPong_ProvesFullDuplex()
    {
        // The server answers each message before the client sends the next: only a full-duplex client completes.
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Duplex.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            await foreach (var message in GrpcWire.ReadRequestsAsync(context))
            {
                await GrpcWire.WriteAsync(context, GrpcWire.Frame("pong " + message.Value));
            }

            GrpcWire.Trailers(context, 0);
        }));
        using var channel = server.CreateChannel();

        using var call = channel.AsyncDuplexStreamingCall(GrpcWire.Duplex, new CallOptions(deadline: DateTime.UtcNow.AddMinutes(1)));
        var replies = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            await call.RequestStream.WriteAsync(new StringValue { Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            Assert.That(await call.ResponseStream.MoveNext(), Is.True);
            replies.Add(call.ResponseStream.Current.Value);
        }

        await call.RequestStream.CompleteAsync();

        Assert.That(await call.ResponseStream.MoveNext(), Is.False);
        Assert.That(replies, Is.EqualTo(new[] { "pong 0", "pong 1", "pong 2", "pong 3", "pong 4" }));
        Assert.That(call.GetStatus().Code, Is.EqualTo(StatusCode.OK));
    }

    [Test]
    public async Task DuplexRejectedByTheServer_FailsLaterWritesWithTheServerStatus()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Duplex.FullName, context =>
        {
            GrpcWire.TrailersOnly(context, 7, "no access");
            return Task.CompletedTask;
        }));
        using var channel = server.CreateChannel();

        using var call = channel.AsyncDuplexStreamingCall(GrpcWire.Duplex, default);
        var readError = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext())!;
        var writeError = Assert.ThrowsAsync<RpcException>(() => call.RequestStream.WriteAsync(new StringValue { Value = "late" }))!;

        Assert.That(readError.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
        Assert.That(writeError.StatusCode, Is.EqualTo(StatusCode.PermissionDenied));
    }

    [Test]
    public async Task MoreConcurrentCallsThanTheServersStreamLimit_AllComplete_OverSeveralConnections()
    {
        const int calls = 12;
        var arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var connections = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);
        await using var server = await ScriptedGrpcServer.StartAsync(
            app => app.MapPost(GrpcWire.Unary.FullName, async context =>
            {
                connections[context.Connection.Id] = true;
                if (Interlocked.Increment(ref arrived) == calls)
                {
                    allArrived.TrySetResult();
                }

                // Every call is held until all are in flight at once: impossible on one connection of 3 streams.
                var together = await Task.WhenAny(allArrived.Task, Task.Delay(TimeSpan.FromSeconds(20))) == allArrived.Task;
                await GrpcWire.StartAsync(context);
                await GrpcWire.WriteAsync(context, GrpcWire.Frame(together ? "together" : "alone"));
                GrpcWire.Trailers(context, 0);
            }),
            http2 => http2.MaxStreamsPerConnection = 3);
        using var channel = server.CreateChannel();

        var responses = await Task.WhenAll(Enumerable.Range(0, calls)
            .Select(async _ => (await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default)).Value));

        Assert.That(responses, Is.All.EqualTo("together"));
        Assert.That(connections, Has.Count.GreaterThanOrEqualTo(calls / 3));
    }
}
