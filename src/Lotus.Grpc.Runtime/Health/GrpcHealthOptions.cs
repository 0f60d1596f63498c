namespace Lotus.Grpc.Health;

/// <summary>Options of the health service; set through <c>AddLotusGrpcHealth(options => ...)</c>.</summary>
public sealed class GrpcHealthOptions
{
    private TimeSpan probeInterval = TimeSpan.FromSeconds(5);
    private TimeSpan probeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Time between two rounds of readiness probes. Defaults to 5 seconds; at least 10 ms.</summary>
    public TimeSpan ProbeInterval
    {
        get => probeInterval;
        set => probeInterval = value >= TimeSpan.FromMilliseconds(10) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must be at least 10 ms.");
    }

    /// <summary>Longest a single probe may take before it counts as not ready. Defaults to 5 seconds; more than 0.</summary>
    public TimeSpan ProbeTimeout
    {
        get => probeTimeout;
        set => probeTimeout = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Must be more than 0.");
    }
}
