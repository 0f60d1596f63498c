using Google.Protobuf;
using Lotus.Grpc.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Lotus.Grpc.Server.Internal.CallHandlers;

/// <summary>
/// What every rpc shape shares: request checks, the call context, interceptors, and turning every
/// outcome into a status. No exception escapes: after the response started, an escaping exception
/// becomes RST_STREAM without a status (grpc-protocol.md section 13).
/// </summary>
internal abstract class ServerCallHandlerBase
{
    private readonly TimeProvider clock;

    protected ServerCallHandlerBase(IMethod method, GrpcServerOptions options, ILogger logger, TimeProvider clock)
    {
        Method = method;
        Options = options;
        Logger = logger;
        this.clock = clock;
    }

    public IMethod Method { get; }

    protected GrpcServerOptions Options { get; }

    protected ILogger Logger { get; }

    public async Task HandleCallAsync(HttpContext httpContext)
    {
        if (!GrpcRequestValidation.TryValidate(httpContext, Logger))
        {
            return;
        }

        var started = GrpcServerMetrics.Start();
        var call = new HttpContextServerCallContext(httpContext, Method, Options, Logger);
        try
        {
            call.Initialize(clock);
            await InvokeAsync(call).ConfigureAwait(false);
            await call.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            await HandleExceptionAsync(call, e).ConfigureAwait(false);
        }
        finally
        {
            await call.ReleaseAsync().ConfigureAwait(false);
            GrpcServerMetrics.Stop(started, Method, call.FinalStatusCode);
        }
    }

    /// <summary>Reads the request, runs the handler, writes the response (status is written by the base).</summary>
    protected abstract Task HandleCallCoreAsync(HttpContextServerCallContext call);

    protected GrpcMessageReader CreateReader(HttpContextServerCallContext call) =>
        call.Reader = new(call.HttpContext.Request.BodyReader, Options.MaxReceiveMessageSize, call.RequestEncoding);

    protected GrpcMessageWriter CreateWriter(HttpContextServerCallContext call) =>
        new(call.HttpContext.Response.BodyWriter, Options.MaxSendMessageSize, () => call.MessageCompression);

    /// <summary>Writes the one response of a unary or client-streaming call; completion flushes it with the trailers.</summary>
    protected static async Task WriteSingleResponseAsync(HttpContextServerCallContext call, GrpcMessageWriter writer, IMessage? response)
    {
        if (call.Status.Code != StatusCode.OK)
        {
            // An error status set by the handler ends the call without a message (Trailers-Only).
            return;
        }

        if (response is null)
        {
            throw new RpcException(StatusCode.Internal, ServerErrors.HandlerReturnedNull);
        }

        await call.EnterWriteAsync().ConfigureAwait(false);
        try
        {
            writer.Write(response);
            call.MarkMessageWritten();
        }
        finally
        {
            call.ExitWrite();
        }
    }

    private Task InvokeAsync(HttpContextServerCallContext call) =>
        Options.Interceptors.Count == 0
            ? HandleCallCoreAsync(call)
            : new InterceptorChain(this, call).NextAsync();

    private async Task HandleExceptionAsync(HttpContextServerCallContext call, Exception exception)
    {
        try
        {
            if (call.IsCompleted)
            {
                return;
            }

            if (call.HttpContext.RequestAborted.IsCancellationRequested)
            {
                // The client reset the stream: nobody is left to receive a status.
                GrpcServerLog.CallCancelled(Logger, Method.FullName, call.CorrelationId);
                return;
            }

            Status status;
            if (exception is RpcException rpc)
            {
                status = rpc.Status;
                foreach (var entry in rpc.Trailers)
                {
                    call.ResponseTrailers.Add(entry);
                }

                GrpcServerLog.RpcError(Logger, Method.FullName, status.Code, status.Detail, call.CorrelationId);
            }
            else if (call.IsDeadlineExceeded && exception is OperationCanceledException)
            {
                status = new Status(StatusCode.DeadlineExceeded, ProtocolErrors.DeadlineExceeded);
            }
            else
            {
                GrpcServerLog.UnhandledException(Logger, Method.FullName, call.CorrelationId, exception);
                var detail = ServerErrors.HandlerException(call.CorrelationId);
                status = new Status(StatusCode.Internal, Options.EnableDetailedErrors ? detail + " " + exception.GetType().Name + ": " + exception.Message : detail);
            }

            call.Status = status;
            await call.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            GrpcServerLog.ErrorCompletingCall(Logger, Method.FullName, call.CorrelationId, e);
        }
    }

    /// <summary>Runs interceptors in registration order, the first outermost, then the call.</summary>
    private sealed class InterceptorChain
    {
        private readonly ServerCallHandlerBase handler;
        private readonly HttpContextServerCallContext call;
        private readonly Func<Task> next;
        private int index;

        public InterceptorChain(ServerCallHandlerBase handler, HttpContextServerCallContext call)
        {
            this.handler = handler;
            this.call = call;
            next = NextAsync;
        }

        public Task NextAsync()
        {
            var interceptors = handler.Options.Interceptors;
            if (index == interceptors.Count)
            {
                index++;
                return handler.HandleCallCoreAsync(call);
            }

            if (index > interceptors.Count)
            {
                throw new InvalidOperationException("An interceptor called next more than once.");
            }

            var interceptor = interceptors.Resolve(index++, call.Services);
            return interceptor.InterceptAsync(call, next);
        }
    }
}
