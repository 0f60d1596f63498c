using Lotus.Grpc.Health;
using Lotus.Grpc.Health.Internal;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

public static class GrpcHealthEndpointRouteBuilderExtensions
{
    /// <summary>Maps grpc.health.v1.Health (Check, Watch). Requires <c>AddLotusGrpcHealth()</c>.</summary>
    public static IEndpointConventionBuilder MapGrpcHealthService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var manager = endpoints.ServiceProvider.GetService<HealthStatusManager>()
            ?? throw new InvalidOperationException("Call services.AddLotusGrpcHealth() before MapGrpcHealthService().");
        return endpoints.MapGrpcService(new HealthService(manager).BindService());
    }
}
