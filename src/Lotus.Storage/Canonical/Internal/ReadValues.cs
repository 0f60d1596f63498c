using Npgsql;

namespace Lotus.Storage.Canonical.Internal;

/// <summary>Row fields back to wire strings: NULL becomes empty.</summary>
internal static class ReadValues
{
    public static string Text(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? string.Empty : reader.GetString(ordinal);

    public static string Date(NpgsqlDataReader reader, int ordinal)
        => reader.IsDBNull(ordinal) ? string.Empty : CanonicalValues.FormatDate(reader.GetFieldValue<DateOnly>(ordinal));
}
