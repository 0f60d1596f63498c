namespace Lotus.Grpc.Health.Internal;

/// <summary>A readiness probe given as a function.</summary>
internal sealed class DelegateReadinessProbe(string name, Func<CancellationToken, Task<bool>> isReady) : IReadinessProbe
{
    public string Name { get; } = name;

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken) => isReady(cancellationToken);
}
