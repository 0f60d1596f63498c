using Lotus.Grpc.Health.Internal;
using Lotus.Grpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Lotus.Grpc.Health;

public static class GrpcHealthExtensions
{
    /// <summary>
    /// Adds <see cref="HealthStatusManager"/> and the readiness monitor that polls every registered
    /// <see cref="IReadinessProbe"/>. Requires <c>AddLotusGrpc()</c>.
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

    /// <summary>Maps grpc.health.v1.Health (Check, Watch).</summary>
    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var manager = endpoints.ServiceProvider.GetService<HealthStatusManager>()
            ?? throw new InvalidOperationException("Call services.AddLotusGrpcHealth() before MapGrpcHealthService().");
        return endpoints.MapGrpcService(new HealthService(manager).BindService());
    }
}
