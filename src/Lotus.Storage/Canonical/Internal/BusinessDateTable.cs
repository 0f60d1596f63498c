using Lotus.Core.V1;
using Npgsql;

namespace Lotus.Storage.Canonical.Internal;

internal sealed class BusinessDateTable : CanonicalTable<BusinessDate>
{
    public static readonly BusinessDateTable Instance = new();

    public override string Name => "business_dates";

    public override IReadOnlyList<string> Columns { get; } = ["calendar_code", "business_date", "market_code", "source_system"];

    public override IReadOnlyList<string> KeyColumns { get; } = ["calendar_code", "business_date"];

    public override void WriteRow(NpgsqlBinaryImporter writer, BusinessDate row)
    {
        CopyValues.RequiredText(writer, row.CalendarCode);
        CopyValues.Date(writer, row.BusinessDate_);
        CopyValues.Text(writer, row.MarketCode);
        CopyValues.Text(writer, row.SourceSystem);
    }

    public override BusinessDate Read(NpgsqlDataReader reader) => new()
    {
        CalendarCode = reader.GetString(0),
        BusinessDate_ = ReadValues.Date(reader, 1),
        MarketCode = ReadValues.Text(reader, 2),
        SourceSystem = ReadValues.Text(reader, 3),
    };
}
