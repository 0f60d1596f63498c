using Lotus.Grpc.Server;
using Lotus.Grpc.Server.Internal;
using Microsoft.Extensions.DependencyInjection.Extensions;

// In the namespace of IServiceCollection (grpc-dotnet's convention) so hosts find it without a using.
namespace Microsoft.Extensions.DependencyInjection;

public static class GrpcServiceCollectionExtensions
{
    /// <summary>Adds the gRPC server: options, the registry of mapped services, the clock.</summary>
    public static IServiceCollection AddLotusGrpc(this IServiceCollection services, Action<GrpcServerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddOptions<GrpcServerOptions>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.TryAddSingleton<GrpcServiceRegistry>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
