using System.Text.Json;

namespace Lotus.Messaging.Postgres.Internal;

/// <summary>Event headers as a jsonb object of strings.</summary>
internal static class HeadersJson
{
    public static string? Serialize(IReadOnlyDictionary<string, string>? headers)
        => headers is null || headers.Count == 0 ? null : JsonSerializer.Serialize(headers);

    public static IReadOnlyDictionary<string, string>? Deserialize(string? json)
        => json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json);
}
