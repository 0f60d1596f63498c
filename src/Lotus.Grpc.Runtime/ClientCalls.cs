using System.Runtime.CompilerServices;

namespace Lotus.Grpc;

/// <summary>State shared by every client call: headers, status and trailers once the call ends.</summary>
public abstract class ClientCallBase : IDisposable
{
    private readonly Func<Status> getStatus;
    private readonly Func<Metadata> getTrailers;
    private readonly Action dispose;

    protected ClientCallBase(Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
    {
        ResponseHeadersAsync = responseHeadersAsync;
        this.getStatus = getStatus;
        this.getTrailers = getTrailers;
        this.dispose = dispose;
    }

    /// <summary>Response headers (custom metadata), available before the first message.</summary>
    public Task<Metadata> ResponseHeadersAsync { get; }

    /// <summary>The call's status; throws if the call has not ended.</summary>
    public Status GetStatus() => getStatus();

    /// <summary>Trailing metadata; throws if the call has not ended.</summary>
    public Metadata GetTrailers() => getTrailers();

    /// <summary>Cancels the call if it is still running and releases its resources.</summary>
    public void Dispose()
    {
        dispose();
        GC.SuppressFinalize(this);
    }
}

public sealed class AsyncUnaryCall<TResponse> : ClientCallBase
{
    public AsyncUnaryCall(Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
        : base(responseHeadersAsync, getStatus, getTrailers, dispose)
    {
        ResponseAsync = responseAsync;
    }

    public Task<TResponse> ResponseAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

public sealed class AsyncServerStreamingCall<TResponse> : ClientCallBase
{
    public AsyncServerStreamingCall(IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
        : base(responseHeadersAsync, getStatus, getTrailers, dispose)
    {
        ResponseStream = responseStream;
    }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }
}

public sealed class AsyncClientStreamingCall<TRequest, TResponse> : ClientCallBase
{
    public AsyncClientStreamingCall(IClientStreamWriter<TRequest> requestStream, Task<TResponse> responseAsync, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
        : base(responseHeadersAsync, getStatus, getTrailers, dispose)
    {
        RequestStream = requestStream;
        ResponseAsync = responseAsync;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public Task<TResponse> ResponseAsync { get; }

    public TaskAwaiter<TResponse> GetAwaiter() => ResponseAsync.GetAwaiter();
}

public sealed class AsyncDuplexStreamingCall<TRequest, TResponse> : ClientCallBase
{
    public AsyncDuplexStreamingCall(IClientStreamWriter<TRequest> requestStream, IAsyncStreamReader<TResponse> responseStream, Task<Metadata> responseHeadersAsync, Func<Status> getStatus, Func<Metadata> getTrailers, Action dispose)
        : base(responseHeadersAsync, getStatus, getTrailers, dispose)
    {
        RequestStream = requestStream;
        ResponseStream = responseStream;
    }

    public IClientStreamWriter<TRequest> RequestStream { get; }

    public IAsyncStreamReader<TResponse> ResponseStream { get; }
}
