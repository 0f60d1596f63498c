namespace Lotus.Grpc.Health;

/// <summary>
/// One readiness condition of the host (database reachable, migrations applied, ...). The server is
/// SERVING only while every registered probe answers true; register probes as singletons.
/// </summary>
public interface IReadinessProbe
{
    /// <summary>Short name for logs, e.g. "database"; the type name unless overridden.</summary>
    string Name => GetType().Name;

    /// <summary>True when ready. An exception or a timeout counts as not ready.</summary>
    Task<bool> IsReadyAsync(CancellationToken cancellationToken);
}
