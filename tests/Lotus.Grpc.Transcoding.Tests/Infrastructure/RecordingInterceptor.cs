namespace Lotus.Grpc.Transcoding.Tests.Infrastructure;

/// <summary>Records the calls it wraps and tags each with a response header.</summary>
public sealed class RecordingInterceptor(string name, List<string> log) : IServerInterceptor
{
    public async Task InterceptAsync(ServerCallContext context, Func<Task> next)
    {
        lock (log)
        {
            log.Add($"{name}:{context.Method.Name}:{context.CorrelationId}");
        }

        await context.WriteResponseHeadersAsync(new Metadata { { "x-intercepted-by-" + name, "yes" } });
        await next();
    }
}
