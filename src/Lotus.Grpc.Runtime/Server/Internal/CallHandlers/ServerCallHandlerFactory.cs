using Google.Protobuf;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Server.Internal.CallHandlers;

/// <summary>Creates the typed call handler for each bound rpc, one class per shape.</summary>
internal sealed class ServerCallHandlerFactory(GrpcServerOptions options, ILogger logger, TimeProvider clock)
    : IServerMethodDefinitionVisitor<ServerCallHandlerBase>
{
    public ServerCallHandlerBase Create(ServerMethodDefinition definition) => definition.Accept(this);

    public ServerCallHandlerBase VisitUnary<TRequest, TResponse>(ServerMethodDefinition.Unary<TRequest, TResponse> definition)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
        => new UnaryServerCallHandler<TRequest, TResponse>(definition, options, logger, clock);

    public ServerCallHandlerBase VisitClientStreaming<TRequest, TResponse>(ServerMethodDefinition.ClientStreaming<TRequest, TResponse> definition)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
        => new ClientStreamingServerCallHandler<TRequest, TResponse>(definition, options, logger, clock);

    public ServerCallHandlerBase VisitServerStreaming<TRequest, TResponse>(ServerMethodDefinition.ServerStreaming<TRequest, TResponse> definition)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
        => new ServerStreamingServerCallHandler<TRequest, TResponse>(definition, options, logger, clock);

    public ServerCallHandlerBase VisitDuplexStreaming<TRequest, TResponse>(ServerMethodDefinition.DuplexStreaming<TRequest, TResponse> definition)
        where TRequest : class, IMessage<TRequest>
        where TResponse : class, IMessage<TResponse>
        => new DuplexStreamingServerCallHandler<TRequest, TResponse>(definition, options, logger, clock);
}
