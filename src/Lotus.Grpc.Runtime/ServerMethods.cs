namespace Lotus.Grpc;

/// <summary>Handler of a unary rpc.</summary>
public delegate Task<TResponse> UnaryServerMethod<in TRequest, TResponse>(TRequest request, ServerCallContext context);

/// <summary>Handler of a client-streaming rpc.</summary>
public delegate Task<TResponse> ClientStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context);

/// <summary>Handler of a server-streaming rpc.</summary>
public delegate Task ServerStreamingServerMethod<in TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

/// <summary>Handler of a bidirectional-streaming rpc.</summary>
public delegate Task DuplexStreamingServerMethod<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context);

/// <summary>
/// Wraps every call of the server: logging, metrics, correlation ids, authentication. Runs in
/// registration order around the handler; throw <see cref="RpcException"/> to end the call.
/// </summary>
public interface IServerInterceptor
{
    Task InterceptAsync(ServerCallContext context, Func<Task> next);
}
