using Google.Protobuf;
using Lotus.Grpc.Transcoding.Internal.Binding;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Transcoding.Internal.CallHandlers;

/// <summary>
/// Shared flow of a REST call: context, correlation echo, request binding, interceptors, and the
/// error response (§12: HTTP status from the gRPC code, google.rpc.Status JSON body, or the last
/// NDJSON line once a stream has started).
/// </summary>
internal abstract class CallHandlerBase<TRequest>(IMethod method, HttpBinding binding, TranscodingRuntime runtime) : ICallHandler
    where TRequest : class, IMessage<TRequest>
{
    public const string JsonContentType = "application/json; charset=utf-8";

    private readonly RequestBinder binder = new(binding, runtime.Json);

    public HttpBinding Binding { get; } = binding;

    protected TranscodingRuntime Runtime { get; } = runtime;

    protected IMethod Method { get; } = method;

    public async Task HandleAsync(HttpContext httpContext, IReadOnlyDictionary<string, string> pathValues)
    {
        httpContext.Features.Set(Method);
        var call = new RestServerCallContext(httpContext, Method);
        CorrelationHeaders.Echo(call.RequestHeaders, httpContext.Response);
        try
        {
            var request = (TRequest)await binder.BindAsync(httpContext.Request, pathValues);
            await ServerInterceptorChain.RunAsync(Runtime.Interceptors, call, () => InvokeAsync(call, request));
            if (call.Status.Code != StatusCode.OK)
            {
                throw new RpcException(call.Status);
            }

            await CompleteAsync(call);
        }
        catch (Exception e)
        {
            await WriteErrorAsync(call, ToStatus(call, e));
        }
    }

    /// <summary>Runs the handler; called inside the interceptor chain.</summary>
    protected abstract Task InvokeAsync(RestServerCallContext call, TRequest request);

    /// <summary>Writes the successful response after the chain returned with OK.</summary>
    protected abstract Task CompleteAsync(RestServerCallContext call);

    protected async Task WriteLineAsync(HttpResponse response, string json)
    {
        await response.WriteAsync(json + "\n", response.HttpContext.RequestAborted);
        await response.Body.FlushAsync(response.HttpContext.RequestAborted);
    }

    private Status ToStatus(RestServerCallContext call, Exception exception)
    {
        switch (exception)
        {
            case RpcException rpc:
                foreach (var entry in rpc.Trailers)
                {
                    call.ResponseTrailers.Add(entry);
                }

                return rpc.Status;
            case OperationCanceledException when call.CancellationToken.IsCancellationRequested:
                return new Status(StatusCode.Cancelled, "Call canceled by the client.");
            default:
                TranscodingLog.HandlerException(Runtime.Logger, Method.FullName, exception);
                return TranscodingStatuses.HandlerException;
        }
    }

    private async Task WriteErrorAsync(RestServerCallContext call, Status status)
    {
        var httpContext = call.HttpContext;
        var response = httpContext.Response;
        var body = Runtime.Json.Formatter.Format(ErrorResponses.ToRpcStatus(status));
        if (response.HasStarted)
        {
            TranscodingLog.ErrorAfterStreamStarted(Runtime.Logger, Method.FullName, status.Code);
            if (!httpContext.RequestAborted.IsCancellationRequested)
            {
                await WriteLineAsync(response, body);
            }

            return;
        }

        if (httpContext.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        call.FlushTrailersToHeaders();
        if (Runtime.ErrorResult?.Invoke(status, httpContext) is { } result)
        {
            await result.ExecuteAsync(httpContext);
            return;
        }

        response.StatusCode = ErrorResponses.ToHttpStatus(status.Code);
        response.ContentType = JsonContentType;
        await response.WriteAsync(body, httpContext.RequestAborted);
    }
}
