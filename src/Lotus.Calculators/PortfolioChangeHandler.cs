using Lotus.Calculators.Internal;
using Lotus.Messaging;
using Lotus.Storage.Calculated;

namespace Lotus.Calculators;

/// <summary>
/// Handles <see cref="PortfolioChange"/> events: coalesces the events of each portfolio in the batch,
/// recomputes the affected keys and writes the results in the consumer's transaction, so results and
/// the consumer position commit together (a crash at any point loses and duplicates nothing).
/// Refused transactions are recorded as failed, not thrown; an exception here means infrastructure
/// trouble: the consumer retries and eventually dead-letters the event.
/// </summary>
public sealed class PortfolioChangeHandler(CalculatorOptions options) : IBatchEventHandler
{
    private static readonly bool Trace = Environment.GetEnvironmentVariable("LOTUS_CALC_TRACE") == "1";
    private readonly BatchCalculator _calculator = new(options.Valuation);

    /// <inheritdoc />
    public Task HandleAsync(ConsumedEvent message, EventHandlerContext context, CancellationToken cancellationToken)
        => HandleBatchAsync([message], context, cancellationToken);

    /// <inheritdoc />
    public async Task HandleBatchAsync(IReadOnlyList<ConsumedEvent> messages, EventHandlerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(context);
        var changes = new Dictionary<string, ChangeSet>(StringComparer.Ordinal);
        var batch = new CalculatedBatch();
        foreach (var message in messages)
        {
            if (!string.Equals(message.EventType, PortfolioChange.EventType, StringComparison.Ordinal))
            {
                continue;
            }

            var change = PortfolioChange.Parse(message.Payload.Span);
            if (!changes.TryGetValue(change.PortfolioId, out var set))
            {
                set = new ChangeSet();
                changes.Add(change.PortfolioId, set);
            }

            set.Merge(change);
            if (change.JobId is { } job)
            {
                batch.JobProgress[job] = batch.JobProgress.TryGetValue(job, out var p) ? (p.Events + 1, p.Failure) : (1, null);
            }
        }

        var sw = System.Diagnostics.Stopwatch.StartNew();
        if (changes.Count > 0)
        {
            await _calculator.CalculateAsync(context.Connection, context.Transaction, changes, batch, cancellationToken).ConfigureAwait(false);
        }

        var calc = sw.Elapsed;
        await CalculatedWriter.WriteAsync(context.Connection, context.Transaction, batch, cancellationToken).ConfigureAwait(false);
        if (Trace)
        {
            Console.WriteLine(FormattableString.Invariant($"[calc] {messages.Count} events {changes.Count} portfolios: load+compute {calc.TotalMilliseconds:F0} ms, write {(sw.Elapsed - calc).TotalMilliseconds:F0} ms ({batch.PositionDays.Count} position-days) thread {Environment.CurrentManagedThreadId}"));
        }
    }
}
