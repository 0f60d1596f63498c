using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Server.Internal.CallHandlers;

/// <summary>One request, a stream of responses.</summary>
internal sealed class ServerStreamingServerCallHandler<TRequest, TResponse> : ServerCallHandlerBase
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Method<TRequest, TResponse> method;
    private readonly ServerStreamingServerMethod<TRequest, TResponse> handler;

    public ServerStreamingServerCallHandler(ServerMethodDefinition.ServerStreaming<TRequest, TResponse> definition, GrpcServerOptions options, ILogger logger, TimeProvider clock)
        : base(definition.TypedMethod, options, logger, clock)
    {
        method = definition.TypedMethod;
        handler = definition.Handler;
    }

    protected override async Task HandleCallCoreAsync(HttpContextServerCallContext call)
    {
        var request = await CreateReader(call).ReadSingleMessageAsync(method.RequestParser, call.CancellationToken).ConfigureAwait(false);
        var responses = new HttpContextStreamWriter<TResponse>(call, CreateWriter(call));
        await handler(request, responses, call).ConfigureAwait(false);
    }
}
