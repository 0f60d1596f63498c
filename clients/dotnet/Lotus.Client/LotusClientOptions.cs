using Lotus.Grpc;

namespace Lotus.Client;

/// <summary>Settings shared by every call of a client.</summary>
public sealed record LotusClientOptions
{
    /// <summary>Deadline of a call when the caller gives none (default 30 s; null: no deadline).
    /// For a stream it bounds the whole stream, for the timeseries readers each page or stream call.</summary>
    public TimeSpan? DefaultTimeout { get; init; } = TimeSpan.FromSeconds(30);

    public RetryPolicy Retry { get; init; } = new();

    /// <summary>Metadata sent with every call (e.g. x-correlation-id), copied per call.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Waits between retries; replaceable so tests need not sleep.</summary>
    internal Func<TimeSpan, CancellationToken, Task> Delay { get; init; } = Task.Delay;

    internal Func<DateTime> UtcNow { get; init; } = () => DateTime.UtcNow;
}
