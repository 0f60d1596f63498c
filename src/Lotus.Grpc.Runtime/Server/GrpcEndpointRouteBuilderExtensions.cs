using Lotus.Grpc;
using Lotus.Grpc.Server;
using Lotus.Grpc.Server.Internal;
using Lotus.Grpc.Server.Internal.CallHandlers;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

// In the namespace of the endpoint-mapping extensions (grpc-dotnet's convention) so hosts find it without a using.
namespace Microsoft.AspNetCore.Builder;

public static class GrpcEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every rpc of a bound service to <c>POST /{service}/{method}</c>, records the service for
    /// reflection and health, and (once) a fallback answering UNIMPLEMENTED for unknown gRPC paths.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService(this IEndpointRouteBuilder endpoints, ServerServiceDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(definition);
        var services = endpoints.ServiceProvider;
        var registry = services.GetService<GrpcServiceRegistry>()
            ?? throw new InvalidOperationException("Call services.AddLotusGrpc() before mapping gRPC services.");
        var options = services.GetRequiredService<IOptions<GrpcServerOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(GrpcServerLog.Category);
        var factory = new ServerCallHandlerFactory(options, logger, services.GetRequiredService<TimeProvider>());

        registry.Add(definition);
        var builders = new List<IEndpointConventionBuilder>(definition.Methods.Count + 1);
        foreach (var methodDefinition in definition.Methods)
        {
            var handler = factory.Create(methodDefinition);
            builders.Add(endpoints.MapPost(handler.Method.FullName, handler.HandleCallAsync)
                .WithDisplayName("gRPC " + handler.Method.FullName)
                .WithMetadata(handler.Method));
        }

        if (!registry.UnimplementedFallbackMapped)
        {
            registry.UnimplementedFallbackMapped = true;
            MapUnimplemented(endpoints, logger);
        }

        return new CompositeEndpointConventionBuilder(builders);
    }

    /// <summary>
    /// Resolves <typeparamref name="TService"/> from dependency injection (or creates it with its
    /// dependencies injected) once, binds it and maps it. A service whose rpcs are not all bound
    /// fails here, at start-up, listing them.
    /// </summary>
    public static IEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class, IBindableService
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var service = ActivatorUtilities.GetServiceOrCreateInstance<TService>(endpoints.ServiceProvider);
        return endpoints.MapGrpcService(service.BindService());
    }

    private static void MapUnimplemented(IEndpointRouteBuilder endpoints, ILogger logger)
    {
        var pattern = RoutePatternFactory.Parse(
            "{unimplementedService}/{unimplementedMethod}",
            defaults: null,
            parameterPolicies: new RouteValueDictionary { ["unimplementedMethod"] = new GrpcContentTypeRouteConstraint() });
        endpoints.Map(pattern, context => UnimplementedCallHandler.HandleAsync(context, logger))
            .WithDisplayName("gRPC unimplemented")
            .Add(b => ((RouteEndpointBuilder)b).Order = int.MaxValue);
    }

    private sealed class CompositeEndpointConventionBuilder(List<IEndpointConventionBuilder> builders) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            foreach (var builder in builders)
            {
                builder.Add(convention);
            }
        }
    }
}
