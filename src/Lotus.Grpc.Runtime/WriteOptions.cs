namespace Lotus.Grpc;

/// <summary>Per-message write options.</summary>
/// <param name="NoCompress">Send the message uncompressed even when the call compresses responses
/// (compression.md: e.g. for messages carrying secrets).</param>
public sealed record WriteOptions(bool NoCompress = false)
{
    public static readonly WriteOptions Default = new();
}
