using System.Runtime.CompilerServices;
using Lotus.Grpc;

namespace Lotus.Client.Internal;

/// <summary>
/// Runs calls with the client's deadline, headers and retry policy, and maps failures to
/// <see cref="LotusClientException"/>. One instance per client.
/// </summary>
internal sealed class CallRunner
{
    private readonly LotusClientOptions options;

    public CallRunner(LotusClientOptions options)
    {
        this.options = options;
    }

    public RetryPolicy Retry => options.Retry;

    /// <summary>The call options of one logical call: an explicit deadline wins over the default timeout.</summary>
    public CallOptions CreateCallOptions(DateTime? deadline, CancellationToken cancellationToken)
    {
        var headers = new Metadata();
        foreach (var (key, value) in options.Headers)
        {
            headers.Add(key, value);
        }

        var effective = deadline ?? (options.DefaultTimeout is { } timeout ? options.UtcNow() + timeout : null);
        return new CallOptions(headers, effective, cancellationToken);
    }

    /// <summary>A unary call; retried on UNAVAILABLE only when <paramref name="idempotent"/>.</summary>
    public async Task<TResponse> UnaryAsync<TResponse>(Func<CallOptions, AsyncUnaryCall<TResponse>> start, bool idempotent, DateTime? deadline, CancellationToken cancellationToken)
    {
        var callOptions = CreateCallOptions(deadline, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var call = start(callOptions);
                return await call.ResponseAsync.ConfigureAwait(false);
            }
            catch (RpcException e) when (idempotent && CanRetry(e, attempt, callOptions))
            {
                await WaitAsync(attempt, callOptions).ConfigureAwait(false);
            }
            catch (RpcException e)
            {
                throw ErrorMapping.ToClientException(e);
            }
        }
    }

    /// <summary>
    /// A server stream as an async sequence; retried on UNAVAILABLE only before the first message
    /// (a later failure cannot be retried without duplicating rows).
    /// </summary>
    public async IAsyncEnumerable<TResponse> StreamAsync<TResponse>(Func<CallOptions, AsyncServerStreamingCall<TResponse>> start, bool idempotent, DateTime? deadline, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var callOptions = CreateCallOptions(deadline, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var received = false;
            using var call = start(callOptions);
            var reader = call.ResponseStream;
            while (true)
            {
                bool moved;
                try
                {
                    moved = await reader.MoveNext(cancellationToken).ConfigureAwait(false);
                }
                catch (RpcException e) when (idempotent && !received && CanRetry(e, attempt, callOptions))
                {
                    await WaitAsync(attempt, callOptions).ConfigureAwait(false);
                    break;
                }
                catch (RpcException e)
                {
                    throw ErrorMapping.ToClientException(e);
                }

                if (!moved)
                {
                    yield break;
                }

                received = true;
                yield return reader.Current;
            }
        }
    }

    /// <summary>True when the failure is UNAVAILABLE, attempts remain and the back-off ends before the deadline.</summary>
    public bool CanRetry(RpcException e, int attempt, CallOptions callOptions)
    {
        if (e.StatusCode != Lotus.Grpc.StatusCode.Unavailable || attempt >= options.Retry.MaxAttempts)
        {
            return false;
        }

        return callOptions.Deadline is not { } deadline || options.UtcNow() + options.Retry.BackoffAfter(attempt) < deadline;
    }

    public Task WaitAsync(int attempt, CallOptions callOptions)
        => options.Delay(options.Retry.BackoffAfter(attempt), callOptions.CancellationToken);
}
