using Npgsql;

namespace Lotus.Messaging.Postgres.Internal;

/// <summary>Reads event columns in the order <see cref="Columns"/> lists them.</summary>
internal static class EventRowReader
{
    public const string Columns = "topic, partition, \"offset\", key, event_id, event_type, payload, headers, produced_at";

    public static ConsumedEvent Read(NpgsqlDataReader reader, int first = 0)
        => new(
            reader.GetString(first),
            reader.GetInt32(first + 1),
            reader.GetInt64(first + 2),
            reader.GetString(first + 3),
            reader.GetGuid(first + 4),
            reader.GetString(first + 5),
            reader.GetFieldValue<byte[]>(first + 6),
            HeadersJson.Deserialize(reader.IsDBNull(first + 7) ? null : reader.GetString(first + 7)),
            reader.GetFieldValue<DateTimeOffset>(first + 8));
}
