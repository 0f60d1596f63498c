using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;
using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Server.Internal;

/// <summary>
/// Writes Length-Prefixed-Messages into the response body pipe, serializing straight into the
/// pipe's memory (no intermediate copy) when uncompressed. Does not flush: callers decide when.
/// </summary>
internal sealed class GrpcMessageWriter
{
    // Below this size the prefix and message go into one span; above it the message is written
    // through IBufferWriter so the pipe never needs one huge contiguous block.
    private const int SingleSpanLimit = 4096 - GrpcProtocolConstants.MessageHeaderSize;

    private readonly PipeWriter writer;
    private readonly int? maxSendMessageSize;
    private readonly Func<ICompressionProvider?> compression;

    /// <param name="compression">Chooses the algorithm of each message (null: uncompressed); asked per write
    /// because a handler may switch compression off for single messages.</param>
    public GrpcMessageWriter(PipeWriter writer, int? maxSendMessageSize, Func<ICompressionProvider?> compression)
    {
        this.writer = writer;
        this.maxSendMessageSize = maxSendMessageSize;
        this.compression = compression;
    }

    /// <summary>Bytes written since the last <see cref="ResetUnflushed"/>.</summary>
    public long UnflushedBytes { get; private set; }

    public void ResetUnflushed() => UnflushedBytes = 0;

    public void Write(IMessage message)
    {
        var size = message.CalculateSize();
        if (maxSendMessageSize is { } limit && size > limit)
        {
            throw new RpcException(StatusCode.ResourceExhausted, ProtocolErrors.SendingMessageExceedsLimit(size, limit));
        }

        // Per message: the call's algorithm unless the handler asked for this write uncompressed.
        if (compression() is { } provider)
        {
            WriteCompressed(message, size, provider);
            return;
        }

        if (size <= SingleSpanLimit)
        {
            var span = writer.GetSpan(GrpcProtocolConstants.MessageHeaderSize + size);
            MessageFrame.WriteHeader(span, compressed: false, size);
            message.WriteTo(span.Slice(GrpcProtocolConstants.MessageHeaderSize, size));
            writer.Advance(GrpcProtocolConstants.MessageHeaderSize + size);
        }
        else
        {
            var span = writer.GetSpan(GrpcProtocolConstants.MessageHeaderSize);
            MessageFrame.WriteHeader(span, compressed: false, size);
            writer.Advance(GrpcProtocolConstants.MessageHeaderSize);
            message.WriteTo(writer);
        }

        UnflushedBytes += GrpcProtocolConstants.MessageHeaderSize + size;
    }

    private void WriteCompressed(IMessage message, int size, ICompressionProvider provider)
    {
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            message.WriteTo(rented.AsSpan(0, size));
            var compressed = CompressionProviders.Compress(provider, rented.AsSpan(0, size));
            var span = writer.GetSpan(GrpcProtocolConstants.MessageHeaderSize);
            MessageFrame.WriteHeader(span, compressed: true, compressed.Length);
            writer.Advance(GrpcProtocolConstants.MessageHeaderSize);
            writer.Write(compressed);
            UnflushedBytes += GrpcProtocolConstants.MessageHeaderSize + compressed.Length;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
