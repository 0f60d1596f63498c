using Lotus.Core.V1;
using Npgsql;

namespace Lotus.Storage.Canonical.Internal;

internal sealed class InstrumentTable : CanonicalTable<Instrument>
{
    public static readonly InstrumentTable Instance = new();

    public override string Name => "instruments";

    public override IReadOnlyList<string> Columns { get; } =
    [
        "security_id", "name", "isin", "currency", "product_type", "asset_class", "sector",
        "country_of_risk", "rating", "liquidity_tier", "maturity_date", "issuer_id", "issuer_name",
        "ultimate_parent_issuer_id", "ultimate_parent_issuer_name",
    ];

    public override IReadOnlyList<string> KeyColumns { get; } = ["security_id"];

    public override void WriteRow(NpgsqlBinaryImporter writer, Instrument row)
    {
        CopyValues.RequiredText(writer, row.SecurityId);
        CopyValues.Text(writer, row.Name);
        CopyValues.Text(writer, row.Isin);
        CopyValues.RequiredText(writer, row.Currency);
        CopyValues.RequiredText(writer, row.ProductType);
        CopyValues.Text(writer, row.AssetClass);
        CopyValues.Text(writer, row.Sector);
        CopyValues.Text(writer, row.CountryOfRisk);
        CopyValues.Text(writer, row.Rating);
        CopyValues.Text(writer, row.LiquidityTier);
        CopyValues.Date(writer, row.MaturityDate);
        CopyValues.Text(writer, row.IssuerId);
        CopyValues.Text(writer, row.IssuerName);
        CopyValues.Text(writer, row.UltimateParentIssuerId);
        CopyValues.Text(writer, row.UltimateParentIssuerName);
    }

    public override Instrument Read(NpgsqlDataReader reader) => new()
    {
        SecurityId = reader.GetString(0),
        Name = ReadValues.Text(reader, 1),
        Isin = ReadValues.Text(reader, 2),
        Currency = reader.GetString(3),
        ProductType = reader.GetString(4),
        AssetClass = ReadValues.Text(reader, 5),
        Sector = ReadValues.Text(reader, 6),
        CountryOfRisk = ReadValues.Text(reader, 7),
        Rating = ReadValues.Text(reader, 8),
        LiquidityTier = ReadValues.Text(reader, 9),
        MaturityDate = ReadValues.Date(reader, 10),
        IssuerId = ReadValues.Text(reader, 11),
        IssuerName = ReadValues.Text(reader, 12),
        UltimateParentIssuerId = ReadValues.Text(reader, 13),
        UltimateParentIssuerName = ReadValues.Text(reader, 14),
    };
}
