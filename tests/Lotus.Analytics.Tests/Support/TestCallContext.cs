using Lotus.Grpc;

namespace Lotus.Analytics.Tests.Support;

/// <summary>A server call context for calling service methods directly (the lead wires the real server).</summary>
public sealed class TestCallContext(CancellationToken cancellationToken = default) : ServerCallContext
{
    public override IMethod Method => throw new NotSupportedException("Not needed by the service.");

    public override string Peer => "ipv4:127.0.0.1:1";

    public override DateTime Deadline => DateTime.MaxValue;

    public override CancellationToken CancellationToken { get; } = cancellationToken;

    public override Metadata RequestHeaders { get; } = new();

    public override Metadata ResponseTrailers { get; } = new();

    public override Status Status { get; set; } = Status.Ok;

    public override string CorrelationId { get; } = "TEST:" + Guid.NewGuid().ToString("N");

    public override IDictionary<object, object?> UserState { get; } = new Dictionary<object, object?>();

    public override IServiceProvider Services => throw new NotSupportedException("Not needed by the service.");

    public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
}

/// <summary>Collects what a server-streaming handler writes.</summary>
public sealed class ListStreamWriter<T> : IServerStreamWriter<T>
{
    public List<T> Messages { get; } = [];

    public Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        Messages.Add(message);
        return Task.CompletedTask;
    }
}
