using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Server.Internal.CallHandlers;

/// <summary>One request, one response.</summary>
internal sealed class UnaryServerCallHandler<TRequest, TResponse> : ServerCallHandlerBase
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Method<TRequest, TResponse> method;
    private readonly UnaryServerMethod<TRequest, TResponse> handler;

    public UnaryServerCallHandler(ServerMethodDefinition.Unary<TRequest, TResponse> definition, GrpcServerOptions options, ILogger logger, TimeProvider clock)
        : base(definition.TypedMethod, options, logger, clock)
    {
        method = definition.TypedMethod;
        handler = definition.Handler;
    }

    protected override async Task HandleCallCoreAsync(HttpContextServerCallContext call)
    {
        var request = await CreateReader(call).ReadSingleMessageAsync(method.RequestParser, call.CancellationToken).ConfigureAwait(false);
        var response = await handler(request, call).ConfigureAwait(false);
        await WriteSingleResponseAsync(call, CreateWriter(call), response).ConfigureAwait(false);
    }
}
