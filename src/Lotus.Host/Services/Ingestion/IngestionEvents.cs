using Google.Protobuf;
using Lotus.Core.V1;

namespace Lotus.Host.Services.Ingestion;

/// <summary>One event per written record, on its topic and partition key (<see cref="IngestionTopics"/>).</summary>
internal static class IngestionEvents
{
    public static List<IngestionEvent> From(IngestionBatch batch)
    {
        var events = new List<IngestionEvent>(batch.Count);
        Add(events, batch.BusinessDates, IngestionTopics.BusinessDates, d => d.CalendarCode);
        Add(events, batch.Portfolios, IngestionTopics.Portfolios, p => p.PortfolioId);
        Add(events, batch.Instruments, IngestionTopics.Instruments, i => i.SecurityId);
        Add(events, batch.MarketPrices, IngestionTopics.MarketPrices, p => p.SecurityId);
        Add(events, batch.FxRates, IngestionTopics.FxRates, r => r.FromCurrency + "|" + r.ToCurrency);
        Add(events, batch.Transactions, IngestionTopics.Transactions, t => t.PortfolioId);
        return events;
    }

    private static void Add<T>(List<IngestionEvent> events, IReadOnlyList<T> records, string topic, Func<T, string> key)
        where T : IMessage<T>
    {
        if (records.Count == 0)
        {
            return;
        }

        var eventType = records[0].Descriptor.FullName;
        foreach (var record in records)
        {
            events.Add(new IngestionEvent(topic, key(record), eventType, record.ToByteArray()));
        }
    }
}
