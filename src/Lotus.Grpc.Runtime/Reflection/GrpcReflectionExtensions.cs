using Lotus.Grpc.Reflection.Internal;
using Lotus.Grpc.Server.Internal;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

public static class GrpcReflectionExtensions
{
    /// <summary>
    /// Maps grpc.reflection.v1 and v1alpha ServerReflection over every service mapped on this host
    /// (their files, every transitive import under its exact name, descriptor.proto and the
    /// well-known types). Requires <c>AddLotusGrpc()</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcReflectionService(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var registry = endpoints.ServiceProvider.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddLotusGrpc() before MapGrpcReflectionService().");
        var service = new ReflectionService(registry);
        var v1 = endpoints.MapGrpcService(service.BindV1());
        var v1Alpha = endpoints.MapGrpcService(service.BindV1Alpha());
        return new PairConventionBuilder(v1, v1Alpha);
    }

    private sealed class PairConventionBuilder(IEndpointConventionBuilder first, IEndpointConventionBuilder second) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            first.Add(convention);
            second.Add(convention);
        }
    }
}
