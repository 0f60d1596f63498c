namespace Lotus.Grpc;

/// <summary>Per-call options of the client.</summary>
public readonly record struct CallOptions
{
    public CallOptions(Metadata? headers = null, DateTime? deadline = null, CancellationToken cancellationToken = default)
    {
        Headers = headers;
        Deadline = deadline;
        CancellationToken = cancellationToken;
    }

    /// <summary>Custom request metadata.</summary>
    public Metadata? Headers { get; init; }

    /// <summary>Deadline (UTC); sent as grpc-timeout and enforced locally. Null: none.</summary>
    public DateTime? Deadline { get; init; }

    /// <summary>Cancels the call (RST_STREAM CANCEL).</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Algorithm for request messages (<c>gzip</c>, <c>deflate</c>); null uses the channel default.</summary>
    public string? RequestCompression { get; init; }
}
