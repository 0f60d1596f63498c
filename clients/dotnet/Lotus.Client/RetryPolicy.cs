namespace Lotus.Client;

/// <summary>
/// Bounded exponential back-off for UNAVAILABLE, the only status retried. Applied only to idempotent
/// calls: every read of AnalyticsInputService and GetIngestionJob; CreateExportJob (the server returns
/// the same job for the same request fingerprint); an ingestion write only when it carries an
/// idempotency_key (a replay then returns the original acknowledgement). Streams are retried only
/// before their first message, except the timeseries readers, which resume from the last page token.
/// Every retry stays inside the call's deadline.
/// </summary>
public sealed record RetryPolicy
{
    /// <summary>No retries.</summary>
    public static readonly RetryPolicy None = new() { MaxAttempts = 1 };

    /// <summary>Attempts in total, the first included (default 3).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Wait before the second attempt (default 200 ms); each further wait is multiplied by <see cref="BackoffMultiplier"/>.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public decimal BackoffMultiplier { get; init; } = 2m;

    /// <summary>Upper bound of one wait (default 2 s).</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>The wait before attempt number <paramref name="attempt"/> + 1 (attempt counts from 1).</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        var ticks = (decimal)InitialBackoff.Ticks;
        for (var i = 1; i < attempt; i++)
        {
            ticks *= BackoffMultiplier;
            if (ticks >= MaxBackoff.Ticks)
            {
                return MaxBackoff;
            }
        }

        return TimeSpan.FromTicks((long)Math.Min(ticks, MaxBackoff.Ticks));
    }
}
