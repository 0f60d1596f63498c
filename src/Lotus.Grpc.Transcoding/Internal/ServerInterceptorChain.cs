namespace Lotus.Grpc.Transcoding.Internal;

/// <summary>Runs interceptors in order around the handler (runtime IServerInterceptor contract).</summary>
internal static class ServerInterceptorChain
{
    public static Task RunAsync(IReadOnlyList<IServerInterceptor> interceptors, ServerCallContext context, Func<Task> handler)
    {
        var next = handler;
        for (var i = interceptors.Count - 1; i >= 0; i--)
        {
            var interceptor = interceptors[i];
            var inner = next;
            next = () => interceptor.InterceptAsync(context, inner);
        }

        return next();
    }
}
