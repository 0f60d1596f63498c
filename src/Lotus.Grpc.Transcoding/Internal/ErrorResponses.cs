using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Transcoding.Internal;

/// <summary>
/// gRPC status → HTTP status and the google.rpc.Status JSON body of a failed REST call (§12).
/// The table follows ASP.NET Core transcoding except CANCELLED, which answers 499 "client closed
/// request" as google.rpc.Code documents: the caller went away or gave up, and 408 would tell
/// HTTP clients the server timed out waiting and invite an automatic retry.
/// </summary>
internal static class ErrorResponses
{
    public const int ClientClosedRequest = 499;

    public static int ToHttpStatus(StatusCode code) => code switch
    {
        StatusCode.OK => StatusCodes.Status200OK,
        StatusCode.Cancelled => ClientClosedRequest,
        StatusCode.Unknown or StatusCode.Internal or StatusCode.DataLoss => StatusCodes.Status500InternalServerError,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange => StatusCodes.Status400BadRequest,
        StatusCode.DeadlineExceeded => StatusCodes.Status504GatewayTimeout,
        StatusCode.NotFound => StatusCodes.Status404NotFound,
        StatusCode.AlreadyExists or StatusCode.Aborted => StatusCodes.Status409Conflict,
        StatusCode.PermissionDenied => StatusCodes.Status403Forbidden,
        StatusCode.Unauthenticated => StatusCodes.Status401Unauthorized,
        StatusCode.ResourceExhausted => StatusCodes.Status429TooManyRequests,
        StatusCode.Unimplemented => StatusCodes.Status501NotImplemented,
        StatusCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };

    /// <summary>The rich status when the handler gave one, else code and message alone.</summary>
    public static Google.Rpc.Status ToRpcStatus(Status status)
    {
        if (status.Details is { } details)
        {
            var copy = details.Clone();
            copy.Code = (int)status.Code;
            if (copy.Message.Length == 0)
            {
                copy.Message = status.Detail;
            }

            return copy;
        }

        return new Google.Rpc.Status { Code = (int)status.Code, Message = status.Detail };
    }

    /// <summary>The error reason of the first ErrorInfo detail, if any.</summary>
    public static Google.Rpc.ErrorInfo? FindErrorInfo(Status status)
    {
        foreach (var any in status.Details?.Details ?? [])
        {
            if (any.Is(Google.Rpc.ErrorInfo.Descriptor))
            {
                return any.Unpack<Google.Rpc.ErrorInfo>();
            }
        }

        return null;
    }

}
