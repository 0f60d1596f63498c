namespace Lotus.Grpc;

/// <summary>What a server handler knows about its call, and what it may set on the response.</summary>
public abstract class ServerCallContext
{
    /// <summary>The method being called.</summary>
    public abstract IMethod Method { get; }

    /// <summary>Peer address, e.g. <c>ipv4:127.0.0.1:51234</c>.</summary>
    public abstract string Peer { get; }

    /// <summary>The call's deadline (UTC), or <see cref="DateTime.MaxValue"/> when the client sent none.</summary>
    public abstract DateTime Deadline { get; }

    /// <summary>Cancelled when the client cancels or resets the call, or the deadline passes.</summary>
    public abstract CancellationToken CancellationToken { get; }

    /// <summary>Custom request metadata (protocol headers excluded).</summary>
    public abstract Metadata RequestHeaders { get; }

    /// <summary>Trailing metadata to send with the status.</summary>
    public abstract Metadata ResponseTrailers { get; }

    /// <summary>The status to end the call with when the handler returns normally (OK by default).</summary>
    public abstract Status Status { get; set; }

    /// <summary>Correlation id of the call (from <c>x-correlation-id</c> or generated), for logs and errors.</summary>
    public abstract string CorrelationId { get; }

    /// <summary>Items shared between interceptors and the handler for this call.</summary>
    public abstract IDictionary<object, object?> UserState { get; }

    /// <summary>Services of the host (dependency injection scope of the call).</summary>
    public abstract IServiceProvider Services { get; }

    /// <summary>
    /// Algorithm for this call's response messages ("gzip", "deflate"), overriding the server option;
    /// null uses the server option. Applied only when the client lists it in grpc-accept-encoding.
    /// </summary>
    public virtual string? ResponseCompressionAlgorithm { get; set; }

    /// <summary>Options of the following response writes (e.g. send a secret uncompressed).</summary>
    public virtual WriteOptions WriteOptions { get; set; } = WriteOptions.Default;

    /// <summary>True when the last request message read arrived compressed (diagnostics and interop tests).</summary>
    public virtual bool LastReceivedMessageCompressed => false;

    /// <summary>
    /// Sends response headers now (at most once, before the first message). Without this call they are
    /// sent with the first message, or folded into a Trailers-Only response.
    /// </summary>
    public abstract Task WriteResponseHeadersAsync(Metadata responseHeaders);
}
