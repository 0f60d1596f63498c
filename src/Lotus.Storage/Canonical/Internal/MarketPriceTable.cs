using Lotus.Core.V1;
using Npgsql;

namespace Lotus.Storage.Canonical.Internal;

internal sealed class MarketPriceTable : CanonicalTable<MarketPrice>
{
    public static readonly MarketPriceTable Instance = new();

    public override string Name => "market_prices";

    public override IReadOnlyList<string> Columns { get; } = ["security_id", "price_date", "price", "currency"];

    public override IReadOnlyList<string> KeyColumns { get; } = ["security_id", "price_date"];

    public override IReadOnlySet<string> NumericColumns { get; } = new HashSet<string>(StringComparer.Ordinal) { "price" };

    public override void WriteRow(NpgsqlBinaryImporter writer, MarketPrice row)
    {
        CopyValues.RequiredText(writer, row.SecurityId);
        CopyValues.Date(writer, row.PriceDate);
        CopyValues.Decimal(writer, row.Price);
        CopyValues.RequiredText(writer, row.Currency);
    }

    public override MarketPrice Read(NpgsqlDataReader reader) => new()
    {
        SecurityId = reader.GetString(0),
        PriceDate = ReadValues.Date(reader, 1),
        Price = reader.GetString(2),
        Currency = reader.GetString(3),
    };
}
