using System.IO.Pipelines;
using Google.Protobuf;

namespace Lotus.Grpc.Server.Internal;

/// <summary>
/// The response stream of a server-streaming or bidirectional call. Each write serializes into the
/// response pipe; a flush hands the bytes to Kestrel's HTTP/2 frame writer, which coalesces what
/// several flushes queued into full DATA frames while the connection is busy.
/// </summary>
internal sealed class HttpContextStreamWriter<T> : IServerStreamWriter<T>
    where T : class, IMessage<T>
{
    private readonly HttpContextServerCallContext call;
    private readonly GrpcMessageWriter writer;
    private readonly PipeWriter pipe;

    public HttpContextStreamWriter(HttpContextServerCallContext call, GrpcMessageWriter writer)
    {
        this.call = call;
        this.writer = writer;
        pipe = call.HttpContext.Response.BodyWriter;
    }

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await call.EnterWriteAsync().ConfigureAwait(false);
        try
        {
            writer.Write(message);
            call.MarkMessageWritten();
            var token = cancellationToken.CanBeCanceled ? cancellationToken : call.CancellationToken;
            var result = await pipe.FlushAsync(token).ConfigureAwait(false);
            writer.ResetUnflushed();
            if (result.IsCanceled)
            {
                throw new OperationCanceledException(token);
            }
        }
        finally
        {
            call.ExitWrite();
        }
    }
}
