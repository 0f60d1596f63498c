namespace Lotus.Grpc.Interop.Tests;

/// <summary>The interop case names shared by every peer (tests/interop/README.md).</summary>
public static class InteropCases
{
    public static readonly string[] All =
    [
        "empty_unary", "large_unary", "client_streaming", "server_streaming", "ping_pong", "empty_stream",
        "timeout_on_sleeping_server", "cancel_after_begin", "cancel_after_first_response", "custom_metadata",
        "status_code_and_message", "special_status_message", "unimplemented_method", "unimplemented_service",
        "client_compressed_unary", "server_compressed_unary", "client_compressed_streaming",
        "server_compressed_streaming", "max_message_size",
    ];

    public const string SpecialStatusMessage = "\t\ntest with whitespace\r\nand Unicode BMP \u263A and non-BMP \U0001F608\t\n";
}
