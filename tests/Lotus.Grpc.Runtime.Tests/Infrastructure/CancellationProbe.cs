using System.Collections.Concurrent;

namespace Lotus.Grpc.Tests.Infrastructure;

/// <summary>Lets a test observe, by key, that a handler started and that its token was cancelled.</summary>
public static class CancellationProbe
{
    private static readonly ConcurrentDictionary<string, (TaskCompletionSource Started, TaskCompletionSource Cancelled)> Probes = new(StringComparer.Ordinal);

    public static (TaskCompletionSource Started, TaskCompletionSource Cancelled) For(string key) =>
        Probes.GetOrAdd(key, _ => (new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)));

    /// <summary>Waits for a signal, failing the test (not timing it) if it never comes.</summary>
    public static async Task WaitAsync(TaskCompletionSource source, string what)
    {
        try
        {
            await source.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Never observed: {what}.");
        }
    }
}
