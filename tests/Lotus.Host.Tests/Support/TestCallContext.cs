using Lotus.Grpc;

namespace Lotus.Host.Tests.Support;

/// <summary>A server call context for calling service methods directly (no transport).</summary>
public sealed class TestCallContext : ServerCallContext
{
    private readonly Metadata _requestHeaders = new();

    public TestCallContext(string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        if (idempotencyKey is not null)
        {
            _requestHeaders.Add("x-idempotency-key", idempotencyKey);
        }

        CancellationToken = cancellationToken;
    }

    public override IMethod Method => throw new NotSupportedException("Not needed by the services.");

    public override string Peer => "ipv4:127.0.0.1:1";

    public override DateTime Deadline => DateTime.MaxValue;

    public override CancellationToken CancellationToken { get; }

    public override Metadata RequestHeaders => _requestHeaders;

    public override Metadata ResponseTrailers { get; } = new();

    public override Status Status { get; set; } = Status.Ok;

    public override string CorrelationId { get; } = "TEST:" + Guid.NewGuid().ToString("N");

    public override IDictionary<object, object?> UserState { get; } = new Dictionary<object, object?>();

    public override IServiceProvider Services => throw new NotSupportedException("Not needed by the services.");

    public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;
}
