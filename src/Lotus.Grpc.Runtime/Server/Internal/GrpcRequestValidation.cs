using Lotus.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Server.Internal;

/// <summary>
/// Rejections before a call starts (grpc-protocol.md section 6, grpc-dotnet's choices): HTTP/1.x gets
/// 426, a non-gRPC content type 415, both with grpc-status 13 so gRPC clients read a status too.
/// </summary>
internal static class GrpcRequestValidation
{
    public static bool TryValidate(HttpContext httpContext, ILogger logger)
    {
        var request = httpContext.Request;
        if (!GrpcProtocolConstants.IsGrpcContentType(request.ContentType))
        {
            GrpcServerLog.UnsupportedContentType(logger, request.Path, request.ContentType);
            Reject(httpContext, StatusCodes.Status415UnsupportedMediaType, ServerErrors.UnsupportedContentType(request.ContentType));
            return false;
        }

        if (!HttpProtocol.IsHttp2(request.Protocol) && !HttpProtocol.IsHttp3(request.Protocol))
        {
            httpContext.Response.Headers.Upgrade = "HTTP/2";
            Reject(httpContext, StatusCodes.Status426UpgradeRequired, ServerErrors.RequiresHttp2);
            return false;
        }

        // te: trailers is required (PROTOCOL-HTTP2.md); C-core rejects calls without it, so do we.
        if (!string.Equals(request.Headers[GrpcProtocolConstants.TeHeader], GrpcProtocolConstants.TeTrailers, StringComparison.OrdinalIgnoreCase))
        {
            WriteTrailersOnly(httpContext, StatusCode.Internal, ServerErrors.MissingTe);
            return false;
        }

        return true;
    }

    /// <summary>Answers with HTTP 200 and the status in the only HEADERS block.</summary>
    public static void WriteTrailersOnly(HttpContext httpContext, StatusCode code, string message)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocolConstants.ContentType;
        response.Headers[GrpcProtocolConstants.AcceptEncodingHeader] = CompressionProviders.AcceptEncodingValue;
        response.Headers[GrpcProtocolConstants.StatusHeader] = ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[GrpcProtocolConstants.MessageHeader] = PercentEncoding.Encode(message);
    }

    private static void Reject(HttpContext httpContext, int httpStatus, string message)
    {
        var response = httpContext.Response;
        response.StatusCode = httpStatus;
        response.Headers[GrpcProtocolConstants.StatusHeader] = "13";
        response.Headers[GrpcProtocolConstants.MessageHeader] = PercentEncoding.Encode(message);
    }
}
