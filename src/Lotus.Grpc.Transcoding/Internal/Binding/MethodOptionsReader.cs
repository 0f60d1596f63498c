using Google.Api;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Lotus.Grpc.Transcoding.Internal.Binding;

/// <summary>
/// Reads the transcoding options of an rpc from the serialized MethodOptions, so that it works
/// whether or not the declaring extension is registered in this process: google.api.http
/// (field 72295728, HttpRule, §12) and lotus.api.v1.grpc_only (field 50001, bool; declared in
/// protos/lotus/api/v1/annotations.proto, compiled in Lotus.Contracts which we must not reference).
/// </summary>
internal static class MethodOptionsReader
{
    public const int HttpFieldNumber = 72295728;
    public const int GrpcOnlyFieldNumber = 50001;

    public static HttpRule? GetHttpRule(MethodDescriptor method)
    {
        HttpRule? rule = null;
        Scan(method, (tag, input) =>
        {
            if (WireFormat.GetTagFieldNumber(tag) == HttpFieldNumber && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                // Repeated occurrences of a message field merge (protobuf encoding rules).
                rule ??= new HttpRule();
                rule.MergeFrom(input.ReadBytes());
                return true;
            }

            return false;
        });
        return rule;
    }

    public static bool IsGrpcOnly(MethodDescriptor method)
    {
        var grpcOnly = false;
        Scan(method, (tag, input) =>
        {
            if (WireFormat.GetTagFieldNumber(tag) == GrpcOnlyFieldNumber && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                grpcOnly = input.ReadBool();
                return true;
            }

            return false;
        });
        return grpcOnly;
    }

    private static void Scan(MethodDescriptor method, Func<uint, CodedInputStream, bool> visit)
    {
        var options = method.GetOptions();
        if (options is null)
        {
            return;
        }

        var input = new CodedInputStream(options.ToByteArray());
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (!visit(tag, input))
            {
                input.SkipLastField();
            }
        }
    }
}
