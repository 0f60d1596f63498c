using Google.Protobuf;
using Lotus.Grpc.Transcoding.Internal.Binding;
using Microsoft.AspNetCore.Http;

namespace Lotus.Grpc.Transcoding.Internal.CallHandlers;

/// <summary>
/// A server-streaming rpc over REST: newline-delimited JSON (<c>application/x-ndjson</c>), one message
/// per line, each flushed as it is written (§12). An error before the first message is an ordinary
/// error response; after it, the google.rpc.Status JSON is the last line and the HTTP status stays 200.
/// </summary>
internal sealed class ServerStreamingCallHandler<TRequest, TResponse>(
    Method<TRequest, TResponse> method,
    ServerStreamingServerMethod<TRequest, TResponse> handler,
    HttpBinding binding,
    TranscodingRuntime runtime) : CallHandlerBase<TRequest>(method, binding, runtime)
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    public const string NdjsonContentType = "application/x-ndjson; charset=utf-8";

    protected override Task InvokeAsync(RestServerCallContext call, TRequest request) =>
        handler(request, new Writer(this, call), call);

    protected override async Task CompleteAsync(RestServerCallContext call)
    {
        var response = call.HttpContext.Response;
        if (!response.HasStarted)
        {
            // An empty stream: 200 with no lines.
            call.FlushTrailersToHeaders();
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = NdjsonContentType;
            await response.StartAsync(call.CancellationToken);
        }
    }

    private sealed class Writer(ServerStreamingCallHandler<TRequest, TResponse> owner, RestServerCallContext call) : IServerStreamWriter<TResponse>
    {
        private int writing;

        public async Task WriteAsync(TResponse message, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(message);
            if (Interlocked.Exchange(ref writing, 1) == 1)
            {
                throw new InvalidOperationException("Only one write at a time (IAsyncStreamWriter contract).");
            }

            try
            {
                var response = call.HttpContext.Response;
                if (!response.HasStarted)
                {
                    response.StatusCode = StatusCodes.Status200OK;
                    response.ContentType = NdjsonContentType;
                }

                await owner.WriteLineAsync(response, owner.Runtime.Json.Format(message, owner.Binding.ResponseBodyField));
            }
            finally
            {
                Volatile.Write(ref writing, 0);
            }
        }
    }
}
