using System.Runtime.CompilerServices;
using Lotus.Grpc;

namespace Lotus.Client.Internal;

/// <summary>
/// Reads every page of a timeseries either by unary pages (following next_page_token) or by one server
/// stream (resumed from the last received page's next_page_token after UNAVAILABLE). Both yield the
/// same pages (analytics_service.proto: a stream yields exactly the rows that following every page yields).
/// </summary>
internal sealed class PageTraversal<TPage>
    where TPage : class
{
    private readonly CallRunner runner;
    private readonly Func<TPage, string> nextToken;

    public PageTraversal(CallRunner runner, Func<TPage, string> nextToken)
    {
        this.runner = runner;
        this.nextToken = nextToken;
    }

    public async IAsyncEnumerable<TPage> ByPagesAsync<TResponse>(
        string firstToken,
        Func<string, CallOptions, AsyncUnaryCall<TResponse>> start,
        Func<TResponse, TPage?> page,
        DateTime? deadline,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var token = firstToken;
        while (true)
        {
            var response = await runner.UnaryAsync(o => start(token, o), idempotent: true, deadline, cancellationToken).ConfigureAwait(false);
            var current = page(response) ?? throw MissingPage();
            yield return current;
            var next = nextToken(current);
            if (next.Length == 0)
            {
                yield break;
            }

            // lotus-performance aborts on a repeated cursor (consumer doc §1.3); so do we, rather than loop.
            if (!seen.Add(next))
            {
                throw RepeatedToken(next);
            }

            token = next;
        }
    }

    public async IAsyncEnumerable<TPage> ByStreamAsync<TResponse>(
        string firstToken,
        Func<string, CallOptions, AsyncServerStreamingCall<TResponse>> start,
        Func<TResponse, TPage?> page,
        DateTime? deadline,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var token = firstToken;
        var attempt = 1;
        while (true)
        {
            var callOptions = runner.CreateCallOptions(deadline, cancellationToken);
            using var call = start(token, callOptions);
            var reader = call.ResponseStream;
            while (true)
            {
                bool moved;
                try
                {
                    moved = await reader.MoveNext(cancellationToken).ConfigureAwait(false);
                }
                catch (RpcException e) when (runner.CanRetry(e, attempt, callOptions))
                {
                    await runner.WaitAsync(attempt, callOptions).ConfigureAwait(false);
                    attempt++;
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

                var current = page(reader.Current) ?? throw MissingPage();
                yield return current;
                var next = nextToken(current);
                if (next.Length == 0)
                {
                    yield break;
                }

                // Progress made: a later failure resumes after this page with a fresh attempt budget.
                token = next;
                attempt = 1;
            }
        }
    }

    private static LotusClientException MissingPage() => ContractViolation("a response without its page (response_body field unset)");

    private static LotusClientException RepeatedToken(string token) => ContractViolation($"the server repeated page token '{token}'");

    private static LotusClientException ContractViolation(string detail) => new(
        Lotus.Grpc.StatusCode.Internal,
        detail,
        LotusErrorClass.ContractViolationUpstream,
        errorClassFromServer: false,
        errorDomain: null,
        new Dictionary<string, string>(StringComparer.Ordinal),
        innerException: null);
}
