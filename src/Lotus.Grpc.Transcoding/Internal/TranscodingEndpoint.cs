using Lotus.Grpc.Transcoding.Internal.CallHandlers;
using Lotus.Grpc.Transcoding.Internal.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lotus.Grpc.Transcoding.Internal;

/// <summary>
/// One ASP.NET endpoint per (HTTP method, route shape). ASP.NET routing narrows candidates; the
/// bindings sharing a shape are tried in mapping order against the raw path, the first match serves.
/// Handlers are added while mapping (start-up), before the first request.
/// </summary>
internal sealed class TranscodingEndpoint
{
    private readonly List<ICallHandler> handlers = [];

    public IReadOnlyList<ICallHandler> Handlers => handlers;

    public void Add(ICallHandler handler) => handlers.Add(handler);

    public async Task InvokeAsync(HttpContext httpContext)
    {
        var rawPath = RawPath(httpContext);
        foreach (var handler in handlers)
        {
            if (HttpRouteMatcher.TryMatch(handler.Binding.Pattern, rawPath, out var values))
            {
                await handler.HandleAsync(httpContext, values);
                return;
            }
        }

        httpContext.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    /// <summary>The still-encoded path (the request target without query), PathBase removed.</summary>
    private static string RawPath(HttpContext httpContext)
    {
        var target = httpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            return httpContext.Request.Path.ToUriComponent();
        }

        var query = target.IndexOf('?', StringComparison.Ordinal);
        var path = query >= 0 ? target[..query] : target;
        var pathBase = httpContext.Request.PathBase.ToUriComponent();
        return pathBase.Length > 0 && path.StartsWith(pathBase, StringComparison.OrdinalIgnoreCase) ? path[pathBase.Length..] : path;
    }
}
