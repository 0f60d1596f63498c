namespace Lotus.Host.Services.Ingestion.Validation;

/// <summary>The violations of one record: prefixes field names with "collection[index].".</summary>
public readonly struct RecordScope(ViolationCollector collector, string collection, int index)
{
    public void Add(string field, string description) => collector.Add(collection, index, field, description);
}
