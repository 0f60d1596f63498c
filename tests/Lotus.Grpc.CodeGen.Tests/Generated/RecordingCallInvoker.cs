using Google.Protobuf;

namespace Lotus.Grpc.CodeGen.Tests.Generated;

/// <summary>A CallInvoker that records what a generated client passes and starts nothing.</summary>
internal sealed class RecordingCallInvoker : CallInvoker
{
    public List<(string Shape, IMethod Method, object? Request, CallOptions Options)> Calls { get; } = [];

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        Calls.Add(("unary", method, request, options));
        return new AsyncUnaryCall<TResponse>(Task.FromResult(method.ResponseParser.ParseFrom(ByteString.Empty)), Headers(), Ok, Trailers, Nothing);
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        Calls.Add(("server-streaming", method, request, options));
        return new AsyncServerStreamingCall<TResponse>(new EmptyReader<TResponse>(), Headers(), Ok, Trailers, Nothing);
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        Calls.Add(("client-streaming", method, null, options));
        return new AsyncClientStreamingCall<TRequest, TResponse>(new NullWriter<TRequest>(), Task.FromResult(method.ResponseParser.ParseFrom(ByteString.Empty)), Headers(), Ok, Trailers, Nothing);
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        Calls.Add(("duplex", method, null, options));
        return new AsyncDuplexStreamingCall<TRequest, TResponse>(new NullWriter<TRequest>(), new EmptyReader<TResponse>(), Headers(), Ok, Trailers, Nothing);
    }

    private static Task<Metadata> Headers() => Task.FromResult(new Metadata());

    private static Status Ok() => Status.Ok;

    private static Metadata Trailers() => new();

    private static void Nothing()
    {
    }

    private sealed class EmptyReader<T> : IAsyncStreamReader<T>
    {
        public T Current => throw new InvalidOperationException("No message.");

        public Task<bool> MoveNext(CancellationToken cancellationToken = default) => Task.FromResult(false);
    }

    private sealed class NullWriter<T> : IClientStreamWriter<T>
    {
        public Task WriteAsync(T message, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task CompleteAsync() => Task.CompletedTask;
    }
}
