using Google.Protobuf;

namespace Lotus.Grpc.Protocol;

/// <summary>grpc-status-details-bin: base64 of a serialized google.rpc.Status whose code equals grpc-status.</summary>
internal static class StatusDetails
{
    public static string Encode(Google.Rpc.Status status) => BinaryHeaderValue.Encode(status.ToByteArray());

    public static Google.Rpc.Status? TryDecode(string? headerValue)
    {
        if (string.IsNullOrEmpty(headerValue))
        {
            return null;
        }

        try
        {
            return Google.Rpc.Status.Parser.ParseFrom(BinaryHeaderValue.Decode(headerValue));
        }
        catch (Exception e) when (e is FormatException or InvalidProtocolBufferException)
        {
            return null;
        }
    }
}
