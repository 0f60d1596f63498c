namespace Lotus.Grpc.Protocol;

/// <summary>
/// The status a client synthesises when a response carries no grpc-status
/// (grpc/grpc doc/http-grpc-status-mapping.md). Servers never choose HTTP codes from it.
/// </summary>
internal static class HttpStatusMapping
{
    public static StatusCode ToStatusCode(int httpStatus) => httpStatus switch
    {
        400 => StatusCode.Internal,
        401 => StatusCode.Unauthenticated,
        403 => StatusCode.PermissionDenied,
        404 => StatusCode.Unimplemented,
        429 or 502 or 503 or 504 => StatusCode.Unavailable,
        431 => StatusCode.Internal,
        _ => StatusCode.Unknown,
    };
}
