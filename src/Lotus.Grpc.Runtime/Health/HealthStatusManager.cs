using Grpc.Health.V1;
using ServingStatus = Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus;

namespace Lotus.Grpc.Health;

/// <summary>
/// The serving status of the server ("" = the whole server) and of each service, as reported by
/// grpc.health.v1.Health. Readiness probes drive "" and every mapped service; hosts may also set
/// statuses themselves. Once shutdown starts every status is NOT_SERVING and stays so.
/// </summary>
public sealed class HealthStatusManager
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ServingStatus> statuses = new(StringComparer.Ordinal) { [string.Empty] = ServingStatus.NotServing };
    private TaskCompletionSource changed = NewSignal();
    private bool shuttingDown;

    /// <summary>True once the host started stopping.</summary>
    public bool IsShuttingDown
    {
        get
        {
            lock (gate)
            {
                return shuttingDown;
            }
        }
    }

    /// <summary>Sets a service's status ("" for the whole server). Ignored after shutdown started.</summary>
    public void SetStatus(string service, ServingStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (gate)
        {
            if (shuttingDown || (statuses.TryGetValue(service, out var current) && current == status))
            {
                return;
            }

            statuses[service] = status;
            SignalLocked();
        }
    }

    /// <summary>Forgets a service: Check answers NOT_FOUND and Watch SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (gate)
        {
            if (statuses.Remove(service))
            {
                SignalLocked();
            }
        }
    }

    /// <summary>The status of a service, or null when it is unknown.</summary>
    public ServingStatus? GetStatus(string service)
    {
        lock (gate)
        {
            return statuses.TryGetValue(service, out var status) ? status : null;
        }
    }

    /// <summary>Marks everything NOT_SERVING for good (health-checking.md: before the server stops).</summary>
    public void EnterShutdown()
    {
        lock (gate)
        {
            if (shuttingDown)
            {
                return;
            }

            foreach (var key in statuses.Keys.ToArray())
            {
                statuses[key] = ServingStatus.NotServing;
            }

            shuttingDown = true;
            SignalLocked();
        }
    }

    /// <summary>The current status and a task that completes at the next change.</summary>
    internal (ServingStatus? Status, Task Changed, bool ShuttingDown) Observe(string service)
    {
        lock (gate)
        {
            return (statuses.TryGetValue(service, out var status) ? status : null, changed.Task, shuttingDown);
        }
    }

    internal static HealthCheckResponse Response(ServingStatus status) => new() { Status = status };

    private void SignalLocked()
    {
        var previous = changed;
        changed = NewSignal();
        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
