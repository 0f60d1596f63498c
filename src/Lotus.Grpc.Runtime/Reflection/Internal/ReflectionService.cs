using Lotus.Grpc.Server.Internal;
using V1 = Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Lotus.Grpc.Reflection.Internal;

/// <summary>grpc.reflection.v1 and v1alpha ServerReflection, bound by hand over one implementation.</summary>
internal sealed class ReflectionService(GrpcServiceRegistry registry)
{
    private const string MethodName = "ServerReflectionInfo";

    private static readonly Method<V1.ServerReflectionRequest, V1.ServerReflectionResponse> V1Method =
        new(MethodType.DuplexStreaming, "grpc.reflection.v1.ServerReflection", MethodName, V1.ServerReflectionRequest.Parser, V1.ServerReflectionResponse.Parser);

    private static readonly Method<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse> V1AlphaMethod =
        new(MethodType.DuplexStreaming, "grpc.reflection.v1alpha.ServerReflection", MethodName, V1Alpha.ServerReflectionRequest.Parser, V1Alpha.ServerReflectionResponse.Parser);

    // Built at the first request, when every service has been mapped.
    private readonly Lazy<ReflectionRequestHandler> handler = new(() =>
        new ReflectionRequestHandler(new DescriptorIndex(registry.Services.Select(s => s.Descriptor))));

    public ServerServiceDefinition BindV1() =>
        ServerServiceDefinition.CreateBuilder(V1.ReflectionReflection.Descriptor.Services[0])
            .AddMethod(V1Method, ServeV1Async)
            .Build();

    public ServerServiceDefinition BindV1Alpha() =>
        ServerServiceDefinition.CreateBuilder(V1Alpha.ReflectionReflection.Descriptor.Services[0])
            .AddMethod(V1AlphaMethod, ServeV1AlphaAsync)
            .Build();

    private async Task ServeV1Async(IAsyncStreamReader<V1.ServerReflectionRequest> requests, IServerStreamWriter<V1.ServerReflectionResponse> responses, ServerCallContext context)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            await responses.WriteAsync(handler.Value.Handle(requests.Current, sent), context.CancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ServeV1AlphaAsync(IAsyncStreamReader<V1Alpha.ServerReflectionRequest> requests, IServerStreamWriter<V1Alpha.ServerReflectionResponse> responses, ServerCallContext context)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        while (await requests.MoveNext(context.CancellationToken).ConfigureAwait(false))
        {
            var response = handler.Value.Handle(ReflectionAlphaConversion.ToV1(requests.Current), sent);
            await responses.WriteAsync(ReflectionAlphaConversion.ToV1Alpha(response), context.CancellationToken).ConfigureAwait(false);
        }
    }
}
