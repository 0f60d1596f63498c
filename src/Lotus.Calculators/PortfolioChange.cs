using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lotus.Messaging;

namespace Lotus.Calculators;

/// <summary>
/// Event on <see cref="CalculatorTopics.PortfolioChanges"/> (key = portfolio_id): which keys of a
/// portfolio must be recomputed from which date. <see cref="AllFrom"/> restates every key from that
/// date (portfolio, FX and calendar changes); <see cref="Keys"/> restates single securities.
/// </summary>
public sealed class PortfolioChange
{
    /// <summary>The event type name on the log.</summary>
    public const string EventType = "lotus.calculators.PortfolioChange";

    [JsonPropertyName("job_id")]
    public string? JobId { get; set; }

    [JsonPropertyName("portfolio_id")]
    public required string PortfolioId { get; set; }

    [JsonPropertyName("all_from")]
    public string? AllFrom { get; set; }

    /// <summary>security_id -> earliest affected date (YYYY-MM-DD).</summary>
    [JsonPropertyName("keys")]
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    public static PortfolioChange Parse(ReadOnlySpan<byte> payload)
        => JsonSerializer.Deserialize<PortfolioChange>(payload) ?? throw new JsonException("empty portfolio change payload");

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>The event to append for this change.</summary>
    public OutgoingEvent ToEvent() => new(CalculatorTopics.PortfolioChanges.Name, PortfolioId, EventType, ToBytes());

    /// <summary>Adds a key restatement from <paramref name="date"/> (keeps the earliest date).</summary>
    public void AddKey(string securityId, DateOnly date)
    {
        var text = Format(date);
        if (!Keys.TryGetValue(securityId, out var existing) || string.CompareOrdinal(text, existing) < 0)
        {
            Keys[securityId] = text;
        }
    }

    /// <summary>Restates every key from <paramref name="date"/> (keeps the earliest date).</summary>
    public void AddAll(DateOnly date)
    {
        var text = Format(date);
        if (AllFrom is null || string.CompareOrdinal(text, AllFrom) < 0)
        {
            AllFrom = text;
        }
    }

    internal static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static DateOnly ParseDate(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
