namespace Lotus.Client.Tests;

/// <summary>Client options for tests: waits are recorded instead of slept.</summary>
internal sealed class RecordedDelays
{
    public List<TimeSpan> Waits { get; } = [];

    public LotusClientOptions Options(RetryPolicy? retry = null, TimeSpan? timeout = null) => new()
    {
        Retry = retry ?? new RetryPolicy(),
        DefaultTimeout = timeout ?? TimeSpan.FromSeconds(30),
        Delay = (wait, _) =>
        {
            Waits.Add(wait);
            return Task.CompletedTask;
        },
    };
}
