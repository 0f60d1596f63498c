using Lotus.Grpc;

namespace Lotus.Calculators.Tests.Support;

/// <summary>A server call context for calling the ingestion service in process.</summary>
public sealed class CallContext : ServerCallContext
{
    public override IMethod Method => throw new NotSupportedException();

    public override string Peer => "ipv4:127.0.0.1:1";

    public override DateTime Deadline => DateTime.MaxValue;

    public override CancellationToken CancellationToken => CancellationToken.None;

    public override Metadata RequestHeaders { get; } = new();

    public override Metadata ResponseTrailers { get; } = new();

    public override Status Status { get; set; } = Status.Ok;

    public override string CorrelationId { get; } = "TEST:" + Guid.NewGuid().ToString("N");

    public override IDictionary<object, object?> UserState { get; } = new Dictionary<object, object?>();

    public override IServiceProvider Services => throw new NotSupportedException();

    public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
}
