using Google.Protobuf;
using Lotus.Grpc.Transcoding.Internal.Binding;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Transcoding.Internal.CallHandlers;

/// <summary>A unary rpc over REST: one JSON response (or its response_body field).</summary>
internal sealed class UnaryCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    UnaryServerMethod<TRequest, TResponse> handler,
    HttpBinding binding,
    TranscodingRuntime runtime) : CallHandlerBase<TRequest>(method, binding, runtime)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private const string ResponseKey = "lotus.transcoding.response";

    protected override async Task InvokeAsync(RestServerCallContext call, TRequest request)
    {
        call.HttpContext.Items[ResponseKey] = await handler(request, call)
            ?? throw new RpcException(new Status(StatusCode.Internal, "Handler returned no response."));
    }

    protected override async Task CompleteAsync(RestServerCallContext call)
    {
        var response = (TResponse)call.HttpContext.Items[ResponseKey]!;
        var json = Runtime.Json.Format(response, Binding.ResponseBodyField);
        call.FlushTrailersToHeaders();
        var http = call.HttpContext.Response;
        http.StatusCode = StatusCodes.Status200OK;
        http.ContentType = JsonContentType;
        await http.WriteAsync(json, call.CancellationToken);
    }
}
