using System.Buffers.Binary;

namespace Lotus.Grpc.Protocol;

/// <summary>
/// The Length-Prefixed-Message header: a compressed flag (0 or 1) and a 4-byte big-endian length
/// (PROTOCOL-HTTP2.md). Readers must accept a message split anywhere across DATA frames.
/// </summary>
internal static class MessageFrame
{
    public static void WriteHeader(Span<byte> destination, bool compressed, int length)
    {
        destination[0] = compressed ? (byte)1 : (byte)0;
        BinaryPrimitives.WriteUInt32BigEndian(destination[1..], (uint)length);
    }

    /// <summary>Reads a header; throws INTERNAL for a flag other than 0 or 1.</summary>
    public static (bool Compressed, uint Length) ReadHeader(ReadOnlySpan<byte> header)
    {
        var flag = header[0];
        if (flag > 1)
        {
            throw new RpcException(StatusCode.Internal, ProtocolErrors.InvalidCompressedFlag);
        }

        return (flag == 1, BinaryPrimitives.ReadUInt32BigEndian(header[1..]));
    }
}
