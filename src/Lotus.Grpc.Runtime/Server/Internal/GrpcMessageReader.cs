using System.Buffers;
using System.IO.Pipelines;
using Google.Protobuf;
using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Server.Internal;

/// <summary>
/// Reads Length-Prefixed-Messages from a request body. DATA frame boundaries mean nothing to gRPC
/// (PROTOCOL-HTTP2.md): a prefix or a message may be split anywhere, so nothing is consumed until a
/// whole message is buffered. The length is checked against the limit before buffering the body.
/// </summary>
internal sealed class GrpcMessageReader
{
    private readonly PipeReader reader;
    private readonly int? maxReceiveMessageSize;
    private readonly string? requestEncoding;

    /// <summary>Whether the last message read arrived with the compressed flag.</summary>
    public bool LastMessageCompressed { get; private set; }

    public GrpcMessageReader(PipeReader reader, int? maxReceiveMessageSize, string? requestEncoding)
    {
        this.reader = reader;
        this.maxReceiveMessageSize = maxReceiveMessageSize;
        this.requestEncoding = requestEncoding;
    }

    /// <summary>The next message, or null at the end of the stream.</summary>
    public async ValueTask<T?> ReadMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            var buffer = result.Buffer;
            T? message;
            try
            {
                if (TryReadMessage(ref buffer, parser, out message))
                {
                    reader.AdvanceTo(buffer.Start);
                    return message;
                }
            }
            catch
            {
                reader.AdvanceTo(result.Buffer.Start, result.Buffer.End);
                throw;
            }

            if (result.IsCompleted)
            {
                reader.AdvanceTo(buffer.End);
                if (!buffer.IsEmpty)
                {
                    throw new RpcException(StatusCode.Internal, ProtocolErrors.IncompleteMessage);
                }

                return null;
            }

            // Nothing consumed, everything examined: wake up only when more bytes arrive.
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    /// <summary>Reads the single message of a unary or server-streaming request and the end of the stream.</summary>
    public async ValueTask<T> ReadSingleMessageAsync<T>(MessageParser<T> parser, CancellationToken cancellationToken)
        where T : class, IMessage<T>
    {
        // statuscodes.md: a request cardinality violation is UNIMPLEMENTED at the server.
        var message = await ReadMessageAsync(parser, cancellationToken).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Unimplemented, ProtocolErrors.NoRequest);
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }

            var length = result.Buffer.Length;
            reader.AdvanceTo(result.Buffer.End);
            if (length > 0)
            {
                throw new RpcException(StatusCode.Unimplemented, ProtocolErrors.MoreThanOneRequest);
            }

            if (result.IsCompleted)
            {
                return message;
            }
        }
    }

    /// <summary>Parses one message from the front of <paramref name="buffer"/>, leaving the rest in it.</summary>
    internal bool TryReadMessage<T>(ref ReadOnlySequence<byte> buffer, MessageParser<T> parser, out T? message)
        where T : class, IMessage<T>
    {
        message = null;
        if (buffer.Length < GrpcProtocolConstants.MessageHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocolConstants.MessageHeaderSize];
        buffer.Slice(0, GrpcProtocolConstants.MessageHeaderSize).CopyTo(header);
        var (compressed, length) = MessageFrame.ReadHeader(header);
        if (maxReceiveMessageSize is { } limit && length > (uint)limit)
        {
            throw new RpcException(StatusCode.ResourceExhausted, ProtocolErrors.ReceivedMessageExceedsLimit(length, limit));
        }

        if (buffer.Length - GrpcProtocolConstants.MessageHeaderSize < length)
        {
            return false;
        }

        var payload = buffer.Slice(GrpcProtocolConstants.MessageHeaderSize, length);
        message = compressed ? ParseCompressed(payload, parser) : Parse(payload, parser);
        LastMessageCompressed = compressed;
        buffer = buffer.Slice(payload.End);
        return true;
    }

    private T ParseCompressed<T>(ReadOnlySequence<byte> payload, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        // compression.md: flag 1 without an encoding, or with identity, is INTERNAL; an unknown
        // encoding is UNIMPLEMENTED (the response headers already list what we accept).
        if (requestEncoding is null || string.Equals(requestEncoding, GrpcProtocolConstants.IdentityEncoding, StringComparison.Ordinal))
        {
            throw new RpcException(StatusCode.Internal, ProtocolErrors.CompressedWithoutEncoding);
        }

        var provider = CompressionProviders.Find(requestEncoding)
            ?? throw new RpcException(StatusCode.Unimplemented, ProtocolErrors.UnsupportedRequestEncoding(requestEncoding));
        var inflated = CompressionProviders.Decompress(provider, payload.ToArray(), maxReceiveMessageSize);
        return Parse(new ReadOnlySequence<byte>(inflated), parser);
    }

    private static T Parse<T>(ReadOnlySequence<byte> payload, MessageParser<T> parser)
        where T : class, IMessage<T>
    {
        try
        {
            return parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException)
        {
            throw new RpcException(StatusCode.Internal, ServerErrors.FailedToParseRequest);
        }
    }
}
