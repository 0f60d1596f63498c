namespace Lotus.Grpc.Server.Internal;

/// <summary>
/// The deadline of one call (PROTOCOL-HTTP2.md: deadline = arrival + grpc-timeout). On expiry it
/// cancels the handler's token and asks the call to finish with DEADLINE_EXCEEDED, even if the
/// handler ignores its token. Client resets cancel the same token.
/// </summary>
internal sealed class ServerCallDeadlineManager : IDisposable
{
    // Timer periods above this are rejected by System.Threading.Timer; such deadlines never fire in practice.
    private static readonly TimeSpan MaxTimerDueTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    private readonly CancellationTokenSource cancellation;
    private readonly CancellationTokenRegistration abortRegistration;
    private readonly Func<Task> onDeadline;
    private Timer? timer;
    private Task? deadlineTask;
    private int expired;

    public ServerCallDeadlineManager(TimeSpan timeout, TimeProvider clock, CancellationToken requestAborted, Func<Task> onDeadline)
    {
        this.onDeadline = onDeadline;
        Deadline = timeout >= DateTime.MaxValue - clock.GetUtcNow().UtcDateTime
            ? DateTime.MaxValue
            : clock.GetUtcNow().UtcDateTime + timeout;
        cancellation = new CancellationTokenSource();
        abortRegistration = requestAborted.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), cancellation);
        if (timeout <= TimeSpan.Zero)
        {
            Expire();
        }
        else if (timeout <= MaxTimerDueTime)
        {
            timer = new Timer(static s => ((ServerCallDeadlineManager)s!).Expire(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    public DateTime Deadline { get; }

    /// <summary>Cancelled on deadline or client reset.</summary>
    public CancellationToken Token => cancellation.Token;

    public bool IsExpired => Volatile.Read(ref expired) == 1;

    /// <summary>The work started by expiry (writing DEADLINE_EXCEEDED), to await before the call returns.</summary>
    public Task DeadlineTask => Volatile.Read(ref deadlineTask) ?? Task.CompletedTask;

    /// <summary>Stops the timer; a callback already running may still expire the call.</summary>
    public void StopTimer()
    {
        Interlocked.Exchange(ref timer, null)?.Dispose();
    }

    public void Dispose()
    {
        // The token source itself is not disposed: handlers may keep the token past the call, and
        // a source without a timer or wait handle holds nothing to release.
        StopTimer();
        abortRegistration.Dispose();
    }

    private void Expire()
    {
        if (Interlocked.Exchange(ref expired, 1) == 1)
        {
            return;
        }

        try
        {
            cancellation.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        Volatile.Write(ref deadlineTask, Task.Run(onDeadline));
    }
}
