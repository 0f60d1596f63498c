using Npgsql;
using NpgsqlTypes;

namespace Lotus.Storage.Calculated.Internal;

/// <summary>Nullable-aware binary COPY field writers.</summary>
internal static class Copy
{
    public static void Text(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Text);
        }
    }

    public static void Dec(NpgsqlBinaryImporter w, decimal? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Numeric);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void Date(NpgsqlBinaryImporter w, DateOnly? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Date);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void Int(NpgsqlBinaryImporter w, int? value)
    {
        if (value is { } v)
        {
            w.Write(v, NpgsqlDbType.Integer);
        }
        else
        {
            w.WriteNull();
        }
    }

    public static void Version(NpgsqlBinaryImporter w, long version)
    {
        w.Write(version, NpgsqlDbType.Bigint);
        w.WriteNull(); // valid_to
    }
}
