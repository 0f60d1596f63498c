using Google.Protobuf;

namespace Lotus.Grpc.Server.Internal;

/// <summary>
/// The response stream of a server-streaming or bidirectional call. Each write serializes into the
/// response pipe. Small messages are not flushed one by one: a write flushes inline once a batch
/// reaches <see cref="FlushThreshold"/>, otherwise it schedules one deferred flush on the thread
/// pool, which runs as soon as the handler yields (or on another core), so a message never waits
/// for the next one. The call's write lock serializes the writer, the deferred flush and the
/// deadline's completion.
/// </summary>
internal sealed class HttpContextStreamWriter<T> : IServerStreamWriter<T>, IThreadPoolWorkItem
    where T : class, IMessage<T>
{
    // About one full HTTP/2 DATA frame at the default SETTINGS_MAX_FRAME_SIZE (16 KiB) and then some.
    internal const int FlushThreshold = 32 * 1024;

    private readonly HttpContextServerCallContext call;
    private readonly GrpcMessageWriter writer;
    private bool flushScheduled;

    public HttpContextStreamWriter(HttpContextServerCallContext call, GrpcMessageWriter writer)
    {
        this.call = call;
        this.writer = writer;
    }

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        cancellationToken.ThrowIfCancellationRequested();
        await call.EnterWriteAsync().ConfigureAwait(false);
        try
        {
            writer.Write(message);
            call.MarkMessageWritten();
            if (writer.UnflushedBytes >= FlushThreshold)
            {
                await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
            }
            else if (!flushScheduled)
            {
                flushScheduled = true;
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: true);
            }
        }
        finally
        {
            call.ExitWrite();
        }
    }

    void IThreadPoolWorkItem.Execute() => _ = DeferredFlushAsync();

    private async Task DeferredFlushAsync()
    {
        try
        {
            // Throws once the call completed: the final flush then belongs to Kestrel.
            await call.EnterWriteAsync().ConfigureAwait(false);
        }
        catch (Exception)
        {
            return;
        }

        try
        {
            flushScheduled = false;
            if (writer.UnflushedBytes > 0)
            {
                await FlushLockedAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // A failed flush means the client is gone or the call was cancelled; the handler's
            // next write or the call's completion reports it.
        }
        finally
        {
            call.ExitWrite();
        }
    }

    private async ValueTask FlushLockedAsync(CancellationToken cancellationToken)
    {
        writer.ResetUnflushed();
        await call.FlushResponseAsync(cancellationToken).ConfigureAwait(false);
    }
}
