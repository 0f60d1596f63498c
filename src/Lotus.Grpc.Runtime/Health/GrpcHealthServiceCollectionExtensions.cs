using Lotus.Grpc.Health;
using Lotus.Grpc.Health.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

public static class GrpcHealthServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="HealthStatusManager"/> and the readiness monitor that polls every registered
    /// <see cref="IReadinessProbe"/> (and the gRPC server services, if not added yet).
    /// </summary>
    public static IServiceCollection AddLotusGrpcHealth(this IServiceCollection services, Action<GrpcHealthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLotusGrpc();
        services.AddOptions<GrpcHealthOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<HealthStatusManager>();
        services.AddHostedService<ReadinessMonitor>();
        return services;
    }

    /// <summary>Registers a readiness condition given as a function (e.g. "database": can connect and migrations are applied).</summary>
    public static IServiceCollection AddLotusReadinessProbe(this IServiceCollection services, string name, Func<IServiceProvider, CancellationToken, Task<bool>> isReady)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(isReady);
        services.AddSingleton<IReadinessProbe>(provider => new DelegateReadinessProbe(name, cancellationToken => isReady(provider, cancellationToken)));
        return services;
    }
}
