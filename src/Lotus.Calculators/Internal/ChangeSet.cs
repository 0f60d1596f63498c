namespace Lotus.Calculators.Internal;

/// <summary>The coalesced changes of one portfolio within a batch: every key from a date, and/or single keys.</summary>
internal sealed class ChangeSet
{
    public DateOnly? AllFrom { get; private set; }

    public Dictionary<string, DateOnly> Keys { get; } = new(StringComparer.Ordinal);

    public void Merge(PortfolioChange change)
    {
        if (change.AllFrom is { } all)
        {
            var d = PortfolioChange.ParseDate(all);
            if (AllFrom is null || d < AllFrom)
            {
                AllFrom = d;
            }
        }

        foreach (var (key, date) in change.Keys)
        {
            Add(Keys, key, PortfolioChange.ParseDate(date));
        }
    }

    public static void Add(Dictionary<string, DateOnly> keys, string key, DateOnly date)
    {
        if (!keys.TryGetValue(key, out var existing) || date < existing)
        {
            keys[key] = date;
        }
    }
}
