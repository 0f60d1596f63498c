namespace Lotus.Grpc.Transcoding.Tests.Infrastructure;

/// <summary>A call context for invoking a handler directly, without any transport.</summary>
public sealed class DirectCallContext(IMethod method) : ServerCallContext
{
    public override IMethod Method { get; } = method;

    public override string Peer => "direct";

    public override DateTime Deadline => DateTime.MaxValue;

    public override CancellationToken CancellationToken => CancellationToken.None;

    public override Metadata RequestHeaders { get; } = new();

    public override Metadata ResponseTrailers { get; } = new();

    public override Status Status { get; set; } = Status.Ok;

    public override string CorrelationId => "direct";

    public override IDictionary<object, object?> UserState { get; } = new Dictionary<object, object?>();

    public override IServiceProvider Services => EmptyServices.Instance;

    public override Task WriteResponseHeadersAsync(Metadata responseHeaders) => Task.CompletedTask;

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
