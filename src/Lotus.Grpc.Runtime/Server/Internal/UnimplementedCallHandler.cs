using Lotus.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Server.Internal;

/// <summary>
/// Unknown service or method: HTTP 200 Trailers-Only with grpc-status 12 (the interop cases
/// unimplemented_service / unimplemented_method expect 12).
/// </summary>
internal static class UnimplementedCallHandler
{
    public static Task HandleAsync(HttpContext httpContext, ILogger logger)
    {
        if (GrpcRequestValidation.TryValidate(httpContext, logger))
        {
            GrpcServerLog.UnimplementedMethod(logger, httpContext.Request.Path);
            GrpcRequestValidation.WriteTrailersOnly(httpContext, StatusCode.Unimplemented, ProtocolErrors.UnknownMethod(httpContext.Request.Path));
        }

        return Task.CompletedTask;
    }
}

/// <summary>Lets the catch-all route match only gRPC requests, so REST routes and 404s stay untouched.</summary>
internal sealed class GrpcContentTypeRouteConstraint : IRouteConstraint
{
    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        httpContext is not null && GrpcProtocolConstants.IsGrpcContentType(httpContext.Request.ContentType);
}
