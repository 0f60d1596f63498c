using Google.Protobuf.WellKnownTypes;
using Lotus.Grpc.Runtime.Tests.Client.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Runtime.Tests.Client;

[TestFixture]
public sealed class DeadlineAndCancellationTests
{
    [Test]
    public async Task ServerThatNeverAnswers_FailsWithDeadlineExceeded_SendsGrpcTimeout_AndResetsTheStream()
    {
        var timeout = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, context => NeverAnswer(context, timeout, aborted)));
        using var channel = server.CreateChannel();

        using var call = channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(300)));
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync)!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
        Assert.That(call.GetTrailers(), Is.Empty, "built locally, never from trailers");
        Assert.That(await timeout.Task, Does.Match("^[0-9]{1,8}[HMSmun]$"));
        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task DeadlineWhileReadingAStream_FailsTheRead()
    {
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.ServerStreaming.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            await GrpcWire.WriteAsync(context, GrpcWire.Frame("first"));
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        }));
        using var channel = server.CreateChannel();

        using var call = channel.AsyncServerStreamingCall(GrpcWire.ServerStreaming, new StringValue(), new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(500)));
        Assert.That(await call.ResponseStream.MoveNext(), Is.True);
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext())!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
    }

    [Test]
    public async Task ExpiredDeadline_FailsWithoutSendingTheRequest()
    {
        var requests = 0;
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, context =>
        {
            Interlocked.Increment(ref requests);
            GrpcWire.TrailersOnly(context, 0);
            return Task.CompletedTask;
        }));
        using var channel = server.CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), new CallOptions(deadline: DateTime.UtcNow.AddSeconds(-1))))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
        Assert.That(Volatile.Read(ref requests), Is.Zero);
    }

    [Test]
    public async Task CancelledToken_FailsWithCancelled_AndTheServerSeesTheReset()
    {
        var timeout = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, context =>
        {
            arrived.TrySetResult();
            return NeverAnswer(context, timeout, aborted);
        }));
        using var channel = server.CreateChannel();
        using var cancellation = new CancellationTokenSource();

        using var call = channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), new CallOptions(cancellationToken: cancellation.Token));
        await arrived.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await cancellation.CancelAsync();
        var error = Assert.ThrowsAsync<RpcException>(async () => await call.ResponseAsync)!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.Cancelled));
        Assert.That(await timeout.Task, Is.Empty, "no deadline, no grpc-timeout");
        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Test]
    public async Task DisposingARunningCall_CancelsIt()
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timeout = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.ServerStreaming.FullName, context => NeverAnswer(context, timeout, aborted)));
        using var channel = server.CreateChannel();

        var call = channel.AsyncServerStreamingCall(GrpcWire.ServerStreaming, new StringValue(), default);
        await timeout.Task.WaitAsync(TimeSpan.FromSeconds(30));
        call.Dispose();

        Assert.That(call.GetStatus().Code, Is.EqualTo(StatusCode.Cancelled));
        await aborted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.ThrowsAsync<RpcException>(async () => await call.ResponseStream.MoveNext());
    }

    [Test]
    public async Task CancelledTrailersArrivingAfterTheDeadline_AreReportedAsDeadlineExceeded()
    {
        // The server answers CANCELLED only once the client's deadline has passed (a race with our timer).
        await using var server = await ScriptedGrpcServer.StartAsync(app => app.MapPost(GrpcWire.Unary.FullName, async context =>
        {
            await GrpcWire.StartAsync(context);
            await Task.Delay(400);
            GrpcWire.Trailers(context, 1, "cancelled by server");
        }));
        using var channel = server.CreateChannel();

        var error = Assert.ThrowsAsync<RpcException>(async () =>
            await channel.AsyncUnaryCall(GrpcWire.Unary, new StringValue(), new CallOptions(deadline: DateTime.UtcNow.AddMilliseconds(200))))!;

        Assert.That(error.StatusCode, Is.EqualTo(StatusCode.DeadlineExceeded));
        Assert.That(error.Trailers, Is.Empty);
    }

    private static async Task NeverAnswer(HttpContext context, TaskCompletionSource<string> timeout, TaskCompletionSource aborted)
    {
        timeout.TrySetResult(context.Request.Headers["grpc-timeout"].ToString());
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            aborted.TrySetResult();
        }
    }
}
