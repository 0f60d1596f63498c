using Google.Protobuf;
using Lotus.Grpc.Protocol;

namespace Lotus.Grpc.Client.Internal;

/// <summary>The request stream of a client-streaming or duplex call: one write at a time, then CompleteAsync (half-close).</summary>
internal sealed class ClientStreamWriter<TRequest, TResponse>(GrpcCall<TRequest, TResponse> call, StreamingRequestContent content)
    : IClientStreamWriter<TRequest>
    where TRequest : class, IMessage<TRequest>
    where TResponse : class, IMessage<TResponse>
{
    private int writing;
    private bool completed;

    public async Task WriteAsync(TRequest message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (completed)
        {
            throw new InvalidOperationException(ClientErrors.WriteAfterComplete);
        }

        ThrowIfCallEnded();
        if (Interlocked.Exchange(ref writing, 1) == 1)
        {
            throw new InvalidOperationException(ClientErrors.ConcurrentWrite);
        }

        try
        {
            byte[] frame;
            try
            {
                frame = RequestFrames.Create(message, call.Compression, call.MaxSendMessageSize);
            }
            catch (RpcException e)
            {
                // Over the send limit: nothing of it is sent and the call ends (section 9).
                call.FinishLocally(e.Status);
                throw call.StatusException();
            }

            using var registration = cancellationToken.CanBeCanceled
                ? cancellationToken.UnsafeRegister(
                    static state => ((GrpcCall<TRequest, TResponse>)state!).FinishLocally(new Status(StatusCode.Cancelled, ProtocolErrors.CancelledByClient)),
                    call)
                : default;
            try
            {
                var stream = await content.RequestStream.ConfigureAwait(false);
                await stream.WriteAsync(frame, call.CallToken).ConfigureAwait(false);
                await stream.FlushAsync(call.CallToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                call.Fail(e);
                ThrowIfCallEnded();
                throw;
            }
        }
        finally
        {
            Volatile.Write(ref writing, 0);
        }
    }

    public Task CompleteAsync()
    {
        if (Volatile.Read(ref writing) == 1)
        {
            throw new InvalidOperationException(ClientErrors.ConcurrentWrite);
        }

        completed = true;
        content.Complete();
        return Task.CompletedTask;
    }

    private void ThrowIfCallEnded()
    {
        if (call.HasEnded(out var ok))
        {
            throw ok ? new InvalidOperationException(ClientErrors.WriteAfterCallEnded) : call.StatusException();
        }
    }
}
