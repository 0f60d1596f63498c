using Google.Protobuf;
using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Client.Internal;

/// <summary>Serializes one request message into a complete length-prefixed frame, checking the send limit first.</summary>
internal static class RequestFrames
{
    /// <summary>
    /// The frame bytes; RESOURCE_EXHAUSTED when the serialized message exceeds <paramref name="maxSendSize"/>
    /// (nothing is sent, section 9). Compression is per message (flag 1 with the call's grpc-encoding).
    /// </summary>
    public static byte[] Create<T>(T message, ICompressionProvider? compression, int? maxSendSize)
        where T : IMessage<T>
    {
        var size = message.CalculateSize();
        if (maxSendSize is { } limit && size > limit)
        {
            throw new RpcException(StatusCode.ResourceExhausted, ProtocolErrors.SendingMessageExceedsLimit(size, limit));
        }

        var frame = new byte[GrpcProtocolConstants.MessageHeaderSize + size];
        message.WriteTo(frame.AsSpan(GrpcProtocolConstants.MessageHeaderSize));
        if (compression is null)
        {
            MessageFrame.WriteHeader(frame, compressed: false, size);
            return frame;
        }

        var compressed = CompressionProviders.Compress(compression, frame.AsSpan(GrpcProtocolConstants.MessageHeaderSize));
        var result = new byte[GrpcProtocolConstants.MessageHeaderSize + compressed.Length];
        MessageFrame.WriteHeader(result, compressed: true, compressed.Length);
        compressed.CopyTo(result.AsSpan(GrpcProtocolConstants.MessageHeaderSize));
        return result;
    }
}
