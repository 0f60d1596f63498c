namespace Lotus.Grpc;

/// <summary>The four rpc shapes.</summary>
public enum MethodType
{
    Unary,
    ClientStreaming,
    ServerStreaming,
    DuplexStreaming,
}
