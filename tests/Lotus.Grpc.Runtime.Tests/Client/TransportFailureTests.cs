using Google.Protobuf.WellKnownTypes;
using Lotus.Grpc.Runtime.Tests.Client.Infrastructure;
using Microsoft.AspNetCore.Builder;

namespace Lotus.Grpc.Runtime.Tests.Client;

[TestFixture]
public sealed class TransportFailureTests
{
    [Test]
    public async Task ServerShuttingDownMidStream_EndsTheCallUnavailable()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.ServerStreaming.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame("first"));
            started.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        }));
        using var channel = server.CreateChannel();

        using var call = channel.AsyncServerStreamingCall(GrpcWire.ServerStreaming, new StringValue(), default);
        Assert.That(await call.ResponseStream.MoveNext(), Is.True);
        await started.Task;
        var stopping = server.StopAsync(TimeSpan.FromMilliseconds(500));
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext())!;
        await stopping;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Unavailable));
    }

    [Test]
    public void NoServerListening_IsUnavailable()
    {
        using var channel = Lotus.Grpc.Client.GrpcChannel.ForAddress("http://127.0.0.1:1");

        using var call = channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), default);
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync)!;
        var headersError = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseHeadersAsync)!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Unavailable));
        Assert.That(headersError.StatusCode, Is.EqualTo(StatusCode.Unavailable));
    }
}
