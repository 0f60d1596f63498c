using Lotus.Core.V1;
using Npgsql;

namespace Lotus.Storage.Canonical.Internal;

internal sealed class PortfolioTable : CanonicalTable<Portfolio>
{
    public static readonly PortfolioTable Instance = new();

    public override string Name => "portfolios";

    public override IReadOnlyList<string> Columns { get; } =
    [
        "portfolio_id", "base_currency", "cost_basis_method", "open_date", "close_date", "tenant_id",
        "booking_center_code", "client_id", "portfolio_type", "objective", "risk_exposure",
        "investment_time_horizon", "is_leverage_allowed", "advisor_id", "status", "legal_book_id",
    ];

    public override IReadOnlyList<string> KeyColumns { get; } = ["portfolio_id"];

    public override void WriteRow(NpgsqlBinaryImporter writer, Portfolio row)
    {
        CopyValues.RequiredText(writer, row.PortfolioId);
        CopyValues.RequiredText(writer, row.BaseCurrency);
        CopyValues.RequiredText(writer, row.CostBasisMethod);
        CopyValues.Date(writer, row.OpenDate);
        CopyValues.Date(writer, row.CloseDate);
        CopyValues.Text(writer, row.TenantId);
        CopyValues.Text(writer, row.BookingCenterCode);
        CopyValues.Text(writer, row.ClientId);
        CopyValues.Text(writer, row.PortfolioType);
        CopyValues.Text(writer, row.Objective);
        CopyValues.Text(writer, row.RiskExposure);
        CopyValues.Text(writer, row.InvestmentTimeHorizon);
        CopyValues.Boolean(writer, row.IsLeverageAllowed);
        CopyValues.Text(writer, row.AdvisorId);
        CopyValues.Text(writer, row.Status);
        CopyValues.Text(writer, row.LegalBookId);
    }

    public override Portfolio Read(NpgsqlDataReader reader) => new()
    {
        PortfolioId = reader.GetString(0),
        BaseCurrency = reader.GetString(1),
        CostBasisMethod = reader.GetString(2),
        OpenDate = ReadValues.Date(reader, 3),
        CloseDate = ReadValues.Date(reader, 4),
        TenantId = ReadValues.Text(reader, 5),
        BookingCenterCode = ReadValues.Text(reader, 6),
        ClientId = ReadValues.Text(reader, 7),
        PortfolioType = ReadValues.Text(reader, 8),
        Objective = ReadValues.Text(reader, 9),
        RiskExposure = ReadValues.Text(reader, 10),
        InvestmentTimeHorizon = ReadValues.Text(reader, 11),
        IsLeverageAllowed = reader.GetBoolean(12),
        AdvisorId = ReadValues.Text(reader, 13),
        Status = ReadValues.Text(reader, 14),
        LegalBookId = ReadValues.Text(reader, 15),
    };
}
