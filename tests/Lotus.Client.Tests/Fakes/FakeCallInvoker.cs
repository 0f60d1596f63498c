using Google.Protobuf;
using Lotus.Grpc;

namespace Lotus.Client.Tests.Fakes;

/// <summary>
/// A CallInvoker that answers from a script: per method, a queue of outcomes (a response, a stream of
/// messages optionally ending in an error, or an error). Records every call with its request and options.
/// </summary>
internal sealed class FakeCallInvoker : CallInvoker
{
    private readonly Dictionary<string, Queue<Outcome>> scripts = new(StringComparer.Ordinal);

    public List<(IMethod Method, IMessage Request, CallOptions Options)> Calls { get; } = [];

    public FakeCallInvoker Reply(IMethod method, IMessage response) => Enqueue(method, new Outcome([response], null));

    public FakeCallInvoker Fail(IMethod method, StatusCode code, string detail = "failed", Google.Rpc.Status? details = null)
        => Enqueue(method, new Outcome([], new RpcException(new Lotus.Grpc.Status(code, detail, details))));

    public FakeCallInvoker FailWithTrailers(IMethod method, StatusCode code, Metadata trailers)
        => Enqueue(method, new Outcome([], new RpcException(new Lotus.Grpc.Status(code, "failed"), trailers)));

    /// <summary>A server stream of <paramref name="messages"/>, then OK or <paramref name="endError"/>.</summary>
    public FakeCallInvoker Stream(IMethod method, IEnumerable<IMessage> messages, StatusCode? endError = null)
        => Enqueue(method, new Outcome([.. messages], endError is { } code ? new RpcException(new Lotus.Grpc.Status(code, "stream broke")) : null));

    public int CallCount(IMethod method) => Calls.Count(c => c.Method.FullName == method.FullName);

    public IEnumerable<TRequest> Requests<TRequest>(IMethod method) => Calls.Where(c => c.Method.FullName == method.FullName).Select(c => (TRequest)c.Request);

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        var outcome = Next(method, request, options);
        var response = outcome.Error is null ? Task.FromResult((TResponse)outcome.Messages.Single()) : Task.FromException<TResponse>(outcome.Error);
        return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Lotus.Grpc.Status.Ok, () => new Metadata(), () => { });
    }

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, TRequest request, CallOptions options)
    {
        var outcome = Next(method, request, options);
        var reader = new ScriptedReader<TResponse>(outcome.Messages.Cast<TResponse>().ToList(), outcome.Error);
        return new AsyncServerStreamingCall<TResponse>(reader, Task.FromResult(new Metadata()), () => Lotus.Grpc.Status.Ok, () => new Metadata(), () => { });
    }

    /// <summary>Messages written to client streams, in order; the response is the next scripted outcome, taken at half-close.</summary>
    public List<IMessage> Written { get; } = [];

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
    {
        var completed = new TaskCompletionSource<TResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
        var writer = new RecordingWriter<TRequest>(Written, () =>
        {
            var outcome = Next(method, new Google.Protobuf.WellKnownTypes.Empty(), options);
            if (outcome.Error is null)
            {
                completed.SetResult((TResponse)outcome.Messages.Single());
            }
            else
            {
                completed.SetException(outcome.Error);
            }
        });
        return new AsyncClientStreamingCall<TRequest, TResponse>(writer, completed.Task, Task.FromResult(new Metadata()), () => Lotus.Grpc.Status.Ok, () => new Metadata(), () => { });
    }

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, CallOptions options)
        => throw new NotSupportedException("duplex streaming is not scripted");

    private FakeCallInvoker Enqueue(IMethod method, Outcome outcome)
    {
        if (!scripts.TryGetValue(method.FullName, out var queue))
        {
            scripts[method.FullName] = queue = new Queue<Outcome>();
        }

        queue.Enqueue(outcome);
        return this;
    }

    private Outcome Next(IMethod method, IMessage request, CallOptions options)
    {
        Calls.Add((method, request, options));
        if (!scripts.TryGetValue(method.FullName, out var queue) || queue.Count == 0)
        {
            throw new InvalidOperationException($"No scripted outcome left for {method.FullName} (call {CallCount(method)}).");
        }

        return queue.Dequeue();
    }

    private sealed class RecordingWriter<T>(List<IMessage> written, Action complete) : IClientStreamWriter<T>
    {
        public Task WriteAsync(T message, CancellationToken cancellationToken = default)
        {
            written.Add((IMessage)message!);
            return Task.CompletedTask;
        }

        public Task CompleteAsync()
        {
            complete();
            return Task.CompletedTask;
        }
    }

    private sealed record Outcome(IReadOnlyList<IMessage> Messages, RpcException? Error);

    private sealed class ScriptedReader<T>(IReadOnlyList<T> messages, RpcException? error) : IAsyncStreamReader<T>
    {
        private int index = -1;

        public T Current => messages[index];

        public Task<bool> MoveNext(CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            index++;
            if (index < messages.Count)
            {
                return Task.FromResult(true);
            }

            return error is null ? Task.FromResult(false) : Task.FromException<bool>(error);
        }
    }
}
