using System.Globalization;
using System.Net.Sockets;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Transcoding.Internal;

/// <summary>
/// The call context of a REST call. Response headers written by the handler become HTTP response
/// headers; trailers become HTTP headers too when the response has not started (unary), and are
/// dropped after a stream has started (HTTP/1.1 has no portable trailers).
/// </summary>
internal sealed class RestServerCallContext : ServerCallContext
{
    private readonly HttpContext httpContext;

    public RestServerCallContext(HttpContext httpContext, IMethod method)
    {
        this.httpContext = httpContext;
        Method = method;
        RequestHeaders = RequestMetadata.From(httpContext.Request);
        CorrelationId = CorrelationHeaders.EnsureCorrelationId(RequestHeaders);
    }

    public override IMethod Method { get; }

    public override string Peer
    {
        get
        {
            var connection = httpContext.Connection;
            var address = connection.RemoteIpAddress;
            if (address is null)
            {
                return "unknown";
            }

            var family = address.AddressFamily == AddressFamily.InterNetworkV6 ? "ipv6:[" + address + "]" : "ipv4:" + address;
            return family + ":" + connection.RemotePort.ToString(CultureInfo.InvariantCulture);
        }
    }

    public override DateTime Deadline => DateTime.MaxValue;

    public override CancellationToken CancellationToken => httpContext.RequestAborted;

    public override Metadata RequestHeaders { get; }

    public override Metadata ResponseTrailers { get; } = new();

    public override Status Status { get; set; } = Status.Ok;

    public override string CorrelationId { get; }

    public override IDictionary<object, object?> UserState { get; } = new Dictionary<object, object?>();

    public override IServiceProvider Services => httpContext.RequestServices;

    public HttpContext HttpContext => httpContext;

    public override Task WriteResponseHeadersAsync(Metadata responseHeaders)
    {
        ArgumentNullException.ThrowIfNull(responseHeaders);
        if (httpContext.Response.HasStarted)
        {
            throw new InvalidOperationException("Response headers were already sent.");
        }

        CopyToHeaders(responseHeaders);
        return Task.CompletedTask;
    }

    /// <summary>Trailers as headers, while the response has not started.</summary>
    public void FlushTrailersToHeaders()
    {
        if (!httpContext.Response.HasStarted)
        {
            CopyToHeaders(ResponseTrailers);
        }
    }

    private void CopyToHeaders(Metadata metadata)
    {
        foreach (var entry in metadata)
        {
            var value = entry.IsBinary ? Lotus.Grpc.Protocol.BinaryHeaderValue.Encode(entry.ValueBytes) : entry.Value;
            httpContext.Response.Headers.Append(entry.Key, value);
        }
    }
}
