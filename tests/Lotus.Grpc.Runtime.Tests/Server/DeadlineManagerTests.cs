using Lotus.Grpc.Server.Internal;
using Lotus.Grpc.Tests.Infrastructure;

namespace Lotus.Grpc.Tests.Server;

[TestFixture]
public sealed class DeadlineManagerTests
{
    [Test]
    public async Task ShortTimeout_CancelsTokenAndRunsTheDeadlineWork()
    {
        var ran = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var manager = new ServerCallDeadlineManager(TimeSpan.FromMilliseconds(10), TimeProvider.System, CancellationToken.None, () =>
        {
            ran.TrySetResult();
            return Task.CompletedTask;
        });

        await CancellationProbe.WaitAsync(ran, "deadline work");
        Assert.That(manager.IsExpired, Is.True);
        Assert.That(manager.Token.IsCancellationRequested, Is.True);
        await manager.DeadlineTask;
    }

    [Test]
    public void ZeroTimeout_IsExpiredAtOnce()
    {
        using var manager = new ServerCallDeadlineManager(TimeSpan.Zero, TimeProvider.System, CancellationToken.None, () => Task.CompletedTask);

        Assert.That(manager.IsExpired, Is.True);
        Assert.That(manager.Token.IsCancellationRequested, Is.True);
    }

    [Test]
    public void ClientAbort_CancelsTokenWithoutExpiring()
    {
        using var aborted = new CancellationTokenSource();
        using var manager = new ServerCallDeadlineManager(TimeSpan.FromHours(1), TimeProvider.System, aborted.Token, () => Task.CompletedTask);

        aborted.Cancel();

        Assert.That(manager.Token.IsCancellationRequested, Is.True);
        Assert.That(manager.IsExpired, Is.False);
    }

    [Test]
    public void DeadlineIsArrivalPlusTimeout()
    {
        var before = DateTime.UtcNow;
        using var manager = new ServerCallDeadlineManager(TimeSpan.FromMinutes(5), TimeProvider.System, CancellationToken.None, () => Task.CompletedTask);

        Assert.That(manager.Deadline, Is.InRange(before + TimeSpan.FromMinutes(5), DateTime.UtcNow + TimeSpan.FromMinutes(5)));
        Assert.That(manager.Deadline.Kind, Is.EqualTo(DateTimeKind.Utc));
    }

    [Test]
    public void TimeoutBeyondTheTimerRange_HasAFarDeadlineAndDoesNotExpire()
    {
        using var manager = new ServerCallDeadlineManager(TimeSpan.FromDays(100_000), TimeProvider.System, CancellationToken.None, () => Task.CompletedTask);

        Assert.That(manager.IsExpired, Is.False);
        Assert.That(manager.Deadline, Is.GreaterThan(DateTime.UtcNow.AddYears(200)));
    }
}
