using Lotus.Calculators;
using Lotus.Host.Services.Ingestion;
using Lotus.Messaging;
using Npgsql;
using Proto = Lotus.Core.V1;

namespace Lotus.Host.Calculated;

/// <summary>
/// The ingestion event sink of the calculators: turns a write's records into <see cref="PortfolioChange"/>
/// events (one per affected portfolio), appended to the durable log in the write's own transaction.
/// </summary>
public sealed class CalculatorEventSink(IEventTransport transport, int partitions = 16) : IIngestionEventSink
{
    private volatile bool _topicReady;

    public async Task AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IngestionEventContext context, IReadOnlyList<IngestionEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(events);
        var collector = new IngestionChangeCollector();
        foreach (var e in events)
        {
            switch (e.Topic)
            {
                case IngestionTopics.Transactions:
                    collector.Add(Proto.Transaction.Parser.ParseFrom(e.Payload));
                    break;
                case IngestionTopics.Portfolios:
                    collector.Add(Proto.Portfolio.Parser.ParseFrom(e.Payload));
                    break;
                case IngestionTopics.Instruments:
                    collector.Add(Proto.Instrument.Parser.ParseFrom(e.Payload));
                    break;
                case IngestionTopics.MarketPrices:
                    collector.Add(Proto.MarketPrice.Parser.ParseFrom(e.Payload));
                    break;
                case IngestionTopics.FxRates:
                    collector.Add(Proto.FxRate.Parser.ParseFrom(e.Payload));
                    break;
                case IngestionTopics.BusinessDates:
                    collector.Add(Proto.BusinessDate.Parser.ParseFrom(e.Payload));
                    break;
            }
        }

        if (!_topicReady)
        {
            // Ingestion may run before any worker has created the topic (own connection; idempotent).
            await transport.EnsureTopicsAsync([new TopicDefinition(CalculatorTopics.PortfolioChanges.Name, partitions)], cancellationToken).ConfigureAwait(false);
            _topicReady = true;
        }

        await collector.AppendAsync(connection, transaction, transport.Producer, context.JobId, cancellationToken).ConfigureAwait(false);
    }
}
