using Lotus.Grpc.Transcoding.Internal;
using Lotus.Grpc.Transcoding.Internal.Binding;
using Lotus.Grpc.Transcoding.Internal.CallHandlers;
using Lotus.Grpc.Transcoding.Internal.Json;
using Lotus.Grpc.Transcoding.Internal.OpenApi;
using Lotus.Grpc.Transcoding.Internal.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Lotus.Grpc.Transcoding;

/// <summary>Maps the REST surface of gRPC services and its OpenAPI document.</summary>
public static class TranscodingEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps every google.api.http binding (and additional_bindings) of the services' rpcs. An rpc
    /// without a binding is served over gRPC only. An invalid template or binding throws here, at
    /// start-up, naming the rpc and the template. May be called several times; bindings whose routes
    /// have the same shape share one endpoint and are told apart by their full templates (the first
    /// mapped binding that matches serves).
    /// </summary>
    public static IEndpointRouteBuilder MapTranscodedServices(this IEndpointRouteBuilder endpoints, params ServerServiceDefinition[] services)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(services);
        var provider = endpoints.ServiceProvider;
        var catalog = provider.GetService<TranscodedServiceCatalog>()
            ?? throw new InvalidOperationException("Call services.AddLotusTranscoding() before mapping transcoded services.");
        var options = provider.GetRequiredService<IOptions<TranscodingOptions>>().Value;
        var interceptors = provider.GetServices<IServerInterceptor>().Concat(options.Interceptors).ToArray();
        var json = new TranscodingJson(TranscodingJson.CreateRegistry(services.Select(s => s.Descriptor.File)), options.IgnoreUnknownFields);
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Lotus.Grpc.Transcoding");
        var runtime = new TranscodingRuntime(json, interceptors, options.ErrorResult, logger);

        foreach (var service in services)
        {
            catalog.Add(service.Descriptor);
            foreach (var definition in service.Methods)
            {
                var descriptor = service.Descriptor.FindMethodByName(definition.Method.Name);
                foreach (var binding in HttpBindingFactory.Create(descriptor))
                {
                    var handler = CallHandlerFactory.Create(definition, binding, runtime);
                    var route = AspNetRoutePattern.From(binding.Pattern);
                    var (endpoint, created) = catalog.GetOrAddEndpoint(binding.HttpMethod, route);
                    endpoint.Add(handler);
                    if (created)
                    {
                        var builder = endpoints.Map(route, endpoint.InvokeAsync);
                        if (binding.HttpMethod != HttpBinding.AnyMethod)
                        {
                            builder.WithMetadata(new HttpMethodMetadata([binding.HttpMethod]));
                        }

                        builder.WithDisplayName($"REST {binding.HttpMethod} {route}");
                    }
                }
            }
        }

        return endpoints;
    }

    /// <summary>Maps one service; see <see cref="MapTranscodedServices"/>.</summary>
    public static IEndpointRouteBuilder MapTranscodedService(this IEndpointRouteBuilder endpoints, ServerServiceDefinition service) =>
        endpoints.MapTranscodedServices(service);

    /// <summary>
    /// Serves an OpenAPI 3 document of every transcoded service (built on first request from the
    /// descriptors and their google.api.http bindings).
    /// </summary>
    public static IEndpointConventionBuilder MapOpenApiDocument(this IEndpointRouteBuilder endpoints, string pattern, string title, string version)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var catalog = endpoints.ServiceProvider.GetService<TranscodedServiceCatalog>()
            ?? throw new InvalidOperationException("Call services.AddLotusTranscoding() before mapping the OpenAPI document.");
        var document = new Lazy<byte[]>(() => OpenApiDocumentWriter.Write(catalog.Snapshot(), title, version));
        return endpoints.MapGet(pattern, async context =>
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(document.Value, context.RequestAborted);
        });
    }

    /// <summary>
    /// Serves a page to browse the OpenAPI document at <paramref name="documentUrl"/> (Swagger UI, its
    /// assets embedded in the package: no external CDN). <c>{pattern}</c> redirects to <c>{pattern}/index.html</c>.
    /// </summary>
    public static IEndpointConventionBuilder MapOpenApiBrowser(this IEndpointRouteBuilder endpoints, string pattern, string documentUrl)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(pattern);
        var prefix = pattern.Trim('/');
        var pipeline = endpoints.CreateApplicationBuilder()
            .UseSwaggerUI(options =>
            {
                options.RoutePrefix = prefix;
                options.SwaggerEndpoint(documentUrl, "OpenAPI");
                options.DocumentTitle = "API";
            })
            .Build();
        endpoints.Map("/" + prefix, pipeline);
        return endpoints.Map("/" + prefix + "/{**path}", pipeline);
    }
}
