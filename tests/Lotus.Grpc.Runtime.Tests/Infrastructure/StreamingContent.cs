using System.Net;
using System.Threading.Channels;

namespace Lotus.Grpc.Tests.Infrastructure;

/// <summary>
/// A request body written while the call runs (client streaming): chunks are sent as they are
/// queued, each flushed as its own DATA frame; <see cref="Complete"/> half-closes the stream.
/// </summary>
public sealed class StreamingContent : HttpContent
{
    private readonly Channel<byte[]> chunks = Channel.CreateUnbounded<byte[]>();

    public void Send(byte[] chunk) => chunks.Writer.TryWrite(chunk);

    public void Complete() => chunks.Writer.TryComplete();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await foreach (var chunk in chunks.Reader.ReadAllAsync(cancellationToken))
        {
            await stream.WriteAsync(chunk, cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
