using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Transcoding;

/// <summary>Options of the REST (JSON transcoding) surface.</summary>
public sealed class TranscodingOptions
{
    /// <summary>
    /// When false (the default) a JSON body field or query parameter that the request message does
    /// not declare fails the call with INVALID_ARGUMENT naming it; when true it is ignored.
    /// </summary>
    public bool IgnoreUnknownFields { get; set; }

    /// <summary>
    /// Interceptors run around every REST call, in this order, after the <see cref="IServerInterceptor"/>
    /// services registered in dependency injection (registration order). Register shared interceptors
    /// in DI so that gRPC and REST calls run through the same chain.
    /// </summary>
    public IList<IServerInterceptor> Interceptors { get; } = [];

    /// <summary>
    /// Chooses another error body for a failed call: return an <see cref="IResult"/> to answer with
    /// it, or null for the default (HTTP status from the gRPC code, google.rpc.Status as JSON).
    /// The rpc is available as <c>httpContext.Features.Get&lt;IMethod&gt;()</c>. Not used for an error
    /// after a stream has started (that is always the last NDJSON line). See <see cref="ProblemJson"/>.
    /// </summary>
    public Func<Status, HttpContext, IResult?>? ErrorResult { get; set; }
}
