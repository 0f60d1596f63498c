using Lotus.Core.V1;
using Npgsql;

namespace Lotus.Storage.Canonical.Internal;

internal sealed class FxRateTable : CanonicalTable<FxRate>
{
    public static readonly FxRateTable Instance = new();

    public override string Name => "fx_rates";

    public override IReadOnlyList<string> Columns { get; } = ["from_currency", "to_currency", "rate_date", "rate"];

    public override IReadOnlyList<string> KeyColumns { get; } = ["from_currency", "to_currency", "rate_date"];

    public override IReadOnlySet<string> NumericColumns { get; } = new HashSet<string>(StringComparer.Ordinal) { "rate" };

    public override void WriteRow(NpgsqlBinaryImporter writer, FxRate row)
    {
        CopyValues.RequiredText(writer, row.FromCurrency);
        CopyValues.RequiredText(writer, row.ToCurrency);
        CopyValues.Date(writer, row.RateDate);
        CopyValues.Decimal(writer, row.Rate);
    }

    public override FxRate Read(NpgsqlDataReader reader) => new()
    {
        FromCurrency = reader.GetString(0),
        ToCurrency = reader.GetString(1),
        RateDate = ReadValues.Date(reader, 2),
        Rate = reader.GetString(3),
    };
}
