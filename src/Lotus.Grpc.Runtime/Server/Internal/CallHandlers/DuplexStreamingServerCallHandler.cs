using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Server.Internal.CallHandlers;

/// <summary>Streams both ways; HTTP/2 is full duplex, so reads and writes may interleave freely.</summary>
internal sealed class DuplexStreamingServerCallHandler<TRequest, TResponse> : ServerCallHandlerBase
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private readonly Method<TRequest, TResponse> method;
    private readonly DuplexStreamingServerMethod<TRequest, TResponse> handler;

    public DuplexStreamingServerCallHandler(ServerMethodDefinition.DuplexStreaming<TRequest, TResponse> definition, GrpcServerOptions options, ILogger logger, TimeProvider clock)
        : base(definition.TypedMethod, options, logger, clock)
    {
        method = definition.TypedMethod;
        handler = definition.Handler;
    }

    protected override async Task HandleCallCoreAsync(HttpContextServerCallContext call)
    {
        var requests = new HttpContextStreamReader<TRequest>(call, CreateReader(call), method.RequestParser);
        var responses = new HttpContextStreamWriter<TResponse>(call, CreateWriter(call));
        await handler(requests, responses, call).ConfigureAwait(false);
    }
}
