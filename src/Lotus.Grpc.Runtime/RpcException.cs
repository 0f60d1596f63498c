namespace Lotus.Grpc;

/// <summary>
/// The one exception type of the runtime: thrown by handlers to end a call with a status, and thrown
/// by the client when a call ends with any status other than OK.
/// </summary>
public sealed class RpcException : Exception
{
    public RpcException(Status status)
        : this(status, new Metadata())
    {
    }

    public RpcException(Status status, Metadata trailers)
        : base(status.ToString())
    {
        Status = status;
        Trailers = trailers;
    }

    public RpcException(StatusCode code, string detail)
        : this(new Status(code, detail))
    {
    }

    public Status Status { get; }

    public StatusCode StatusCode => Status.Code;

    /// <summary>Trailing metadata received (client) or to send (server).</summary>
    public Metadata Trailers { get; }
}
