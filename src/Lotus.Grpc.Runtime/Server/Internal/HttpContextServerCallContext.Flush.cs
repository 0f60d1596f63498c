using System.IO.Pipelines;

namespace Lotus.Grpc.Server.Internal;

/// <summary>Flushing the response without ever handing Kestrel a cancellation token.</summary>
internal sealed partial class HttpContextServerCallContext
{
    /// <summary>
    /// Flushes the response body. Kestrel aborts the stream with RST_STREAM(INTERNAL_ERROR) and no
    /// status when a write is cancelled through its token, so the flush gets none; cancellation
    /// (deadline, client reset, the handler's token) instead cancels a flush blocked by flow
    /// control with CancelPendingFlush, and the data stays queued for the final status.
    /// </summary>
    public async ValueTask FlushResponseAsync(CancellationToken handlerToken)
    {
        var pipe = httpContext.Response.BodyWriter;
        var flush = pipe.FlushAsync(CancellationToken.None);
        FlushResult result;
        if (flush.IsCompletedSuccessfully)
        {
            result = flush.Result;
        }
        else
        {
            var callToken = CancellationToken;
            using var callRegistration = callToken.UnsafeRegister(static s => ((PipeWriter)s!).CancelPendingFlush(), pipe);
            using var handlerRegistration = handlerToken.CanBeCanceled && handlerToken != callToken
                ? handlerToken.UnsafeRegister(static s => ((PipeWriter)s!).CancelPendingFlush(), pipe)
                : default;
            result = await flush.ConfigureAwait(false);
        }

        if (result.IsCanceled)
        {
            throw new OperationCanceledException(handlerToken.IsCancellationRequested ? handlerToken : CancellationToken);
        }
    }
}
