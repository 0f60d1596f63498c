using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Server.Internal.CallHandlers;

/// <summary>A stream of requests, one response.</summary>
internal sealed class ClientStreamingServerCallHandler<TRequest, TResponse> : ServerCallHandlerBase
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Method<TRequest, TResponse> method;
    private readonly ClientStreamingServerMethod<TRequest, TResponse> handler;

    public ClientStreamingServerCallHandler(ServerMethodDefinition.ClientStreaming<TRequest, TResponse> definition, GrpcServerOptions options, ILogger logger, TimeProvider clock)
        : base(definition.TypedMethod, options, logger, clock)
    {
        method = definition.TypedMethod;
        handler = definition.Handler;
    }

    protected override async Task HandleCallCoreAsync(HttpContextServerCallContext call)
    {
        var requests = new HttpContextStreamReader<TRequest>(call, CreateReader(call), method.RequestParser);
        var response = await handler(requests, call).ConfigureAwait(false);
        await WriteSingleResponseAsync(call, CreateWriter(call), response).ConfigureAwait(false);
    }
}
