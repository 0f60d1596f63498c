using System.Diagnostics.CodeAnalysis;
using Google.Protobuf;
using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Client.Internal;

/// <summary>
/// Reads length-prefixed messages from a response body through one reused buffer: a message may span
/// reads and one read may hold many messages, so most messages of a busy stream parse without awaiting.
/// Messages are parsed straight from the buffer.
/// </summary>
internal sealed class ResponseMessageReader<T>
    where T : class, IMessage<T>
{
    private const int InitialBufferSize = 4 * 1024;
    private const int MaxReadAheadBufferSize = 64 * 1024;

    private readonly Stream stream;
    private readonly MessageParser<T> parser;
    private readonly int? maxMessageSize;
    private readonly string? encoding;
    private byte[] buffer = new byte[InitialBufferSize];
    private int start;
    private int end;
    private bool endOfStream;

    public ResponseMessageReader(Stream stream, MessageParser<T> parser, int? maxMessageSize, string? encoding)
    {
        this.stream = stream;
        this.parser = parser;
        this.maxMessageSize = maxMessageSize;
        this.encoding = encoding;
    }

    /// <summary>Parses the next message when it is already wholly buffered.</summary>
    public bool TryReadBuffered([NotNullWhen(true)] out T? message)
    {
        message = null;
        var available = end - start;
        if (available < GrpcProtocolConstants.MessageHeaderSize)
        {
            return false;
        }

        var length = FrameLength();
        if (available - GrpcProtocolConstants.MessageHeaderSize < length)
        {
            return false;
        }

        var compressed = buffer[start] == 1;
        var payload = buffer.AsSpan(start + GrpcProtocolConstants.MessageHeaderSize, length);
        start += GrpcProtocolConstants.MessageHeaderSize + length;
        message = Parse(compressed, payload);
        if (start == end)
        {
            start = end = 0;
        }

        return true;
    }

    /// <summary>The next message, or null at the end of the body; INTERNAL when the body ends inside a frame.</summary>
    public async ValueTask<T?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReadBuffered(out var message))
            {
                return message;
            }

            if (endOfStream)
            {
                return end > start ? throw new RpcException(StatusCode.Internal, ProtocolErrors.IncompleteMessage) : null;
            }

            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the rest of the body; true when it held no further byte.</summary>
    public async ValueTask<bool> IsAtEndAsync(CancellationToken cancellationToken)
    {
        while (end == start && !endOfStream)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }

        return end == start;
    }

    /// <summary>Length of the buffered frame's message, after the flag and size checks.</summary>
    private int FrameLength()
    {
        var (_, length) = MessageFrame.ReadHeader(buffer.AsSpan(start, GrpcProtocolConstants.MessageHeaderSize));

        // Checked before buffering the body (section 9).
        if (maxMessageSize is { } limit && length > (uint)limit)
        {
            throw new RpcException(StatusCode.ResourceExhausted, ProtocolErrors.ReceivedMessageExceedsLimit(length, limit));
        }

        if (length > Array.MaxLength - GrpcProtocolConstants.MessageHeaderSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, ProtocolErrors.ReceivedMessageExceedsLimit(length, Array.MaxLength - GrpcProtocolConstants.MessageHeaderSize));
        }

        return (int)length;
    }

    private T Parse(bool compressed, ReadOnlySpan<byte> payload)
    {
        if (compressed)
        {
            if (encoding is null || string.Equals(encoding, GrpcProtocolConstants.IdentityEncoding, StringComparison.Ordinal))
            {
                throw new RpcException(StatusCode.Internal, ProtocolErrors.CompressedWithoutEncoding);
            }

            var provider = CompressionProviders.Find(encoding)
                ?? throw new RpcException(StatusCode.Internal, ClientErrors.UnsupportedResponseEncoding(encoding));
            payload = CompressionProviders.Decompress(provider, payload.ToArray(), maxMessageSize);
        }

        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(StatusCode.Internal, ClientErrors.ResponseParseFailed);
        }
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        var needed = end - start >= GrpcProtocolConstants.MessageHeaderSize
            ? GrpcProtocolConstants.MessageHeaderSize + FrameLength()
            : GrpcProtocolConstants.MessageHeaderSize;
        if (start > 0 && (buffer.Length - start < needed || end == buffer.Length))
        {
            // Move the partial frame to the front so the rest of it fits behind it.
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (buffer.Length < needed)
        {
            Array.Resize(ref buffer, Math.Max(needed, Math.Min(buffer.Length * 2, Array.MaxLength)));
        }

        var free = buffer.Length - end;
        var read = await stream.ReadAsync(buffer.AsMemory(end, free), cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            endOfStream = true;
            return;
        }

        end += read;
        if (read == free && buffer.Length < MaxReadAheadBufferSize)
        {
            // The body delivers faster than we read: read larger chunks (fewer awaits per message).
            var larger = new byte[buffer.Length * 2];
            Buffer.BlockCopy(buffer, start, larger, 0, end - start);
            end -= start;
            start = 0;
            buffer = larger;
        }
    }
}
