using Npgsql;
using NpgsqlTypes;

namespace Lotus.Storage.Canonical.Internal;

/// <summary>
/// COPY field writers from wire strings (validated before staging): empty optional text and
/// decimals become NULL. Synchronous writes: the importer buffers and flushes in large chunks.
/// </summary>
internal static class CopyValues
{
    public static void Text(NpgsqlBinaryImporter writer, string value)
    {
        if (value.Length == 0)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(value, NpgsqlDbType.Text);
        }
    }

    public static void RequiredText(NpgsqlBinaryImporter writer, string value) => writer.Write(value, NpgsqlDbType.Text);

    public static void Date(NpgsqlBinaryImporter writer, string value)
    {
        if (value.Length == 0)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(CanonicalValues.ParseDate(value), NpgsqlDbType.Date);
        }
    }

    public static void Decimal(NpgsqlBinaryImporter writer, string value)
    {
        if (value.Length == 0)
        {
            writer.WriteNull();
        }
        else
        {
            writer.Write(CanonicalValues.ParseDecimal(value), NpgsqlDbType.Numeric);
        }
    }

    /// <summary>A decimal whose empty wire value means zero (proto3 default).</summary>
    public static void DecimalOrZero(NpgsqlBinaryImporter writer, string value)
        => writer.Write(value.Length == 0 ? 0m : CanonicalValues.ParseDecimal(value), NpgsqlDbType.Numeric);

    public static void Boolean(NpgsqlBinaryImporter writer, bool value) => writer.Write(value, NpgsqlDbType.Boolean);
}
