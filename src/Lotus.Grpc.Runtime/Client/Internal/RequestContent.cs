using System.Net;
using System.Net.Http.Headers;
using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Client.Internal;

/// <summary>The single framed message of a unary or server-streaming request; no Content-Length, like every gRPC peer.</summary>
internal sealed class UnaryRequestContent : HttpContent
{
    internal static readonly MediaTypeHeaderValue GrpcContentType = new(GrpcProtocolConstants.ContentType);

    private readonly byte[] frame;

    public UnaryRequestContent(byte[] frame)
    {
        this.frame = frame;
        Headers.ContentType = GrpcContentType;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(frame).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(frame, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}

/// <summary>
/// The request body of a client-streaming or duplex call (section 13): HttpClient hands us the HTTP/2
/// request stream and we keep it open until the caller half-closes; returning ends the stream (END_STREAM).
/// </summary>
internal sealed class StreamingRequestContent : HttpContent
{
    private readonly TaskCompletionSource<Stream> requestStream = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StreamingRequestContent()
    {
        Headers.ContentType = UnaryRequestContent.GrpcContentType;
    }

    /// <summary>The HTTP/2 request stream, once HttpClient starts sending the body.</summary>
    public Task<Stream> RequestStream => requestStream.Task;

    /// <summary>Half-closes: the body ends after what was written.</summary>
    public void Complete() => completed.TrySetResult();

    /// <summary>The call ended: stop waiting for writes (HttpClient resets the stream if it is still open).</summary>
    public void Abort()
    {
        requestStream.TrySetCanceled();
        completed.TrySetCanceled();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        requestStream.TrySetResult(stream);
        await completed.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = -1;
        return false;
    }
}
