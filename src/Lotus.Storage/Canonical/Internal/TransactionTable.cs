using Lotus.Core.V1;
using Npgsql;

namespace Lotus.Storage.Canonical.Internal;

internal sealed class TransactionTable : CanonicalTable<Transaction>
{
    public static readonly TransactionTable Instance = new();

    public override string Name => "transactions";

    public override IReadOnlyList<string> Columns { get; } =
    [
        "transaction_id", "portfolio_id", "instrument_id", "security_id", "transaction_date",
        "settlement_date", "transaction_type", "quantity", "price", "gross_transaction_amount",
        "trade_currency", "currency", "transaction_fx_rate", "trade_fee", "brokerage", "stamp_duty",
        "exchange_fee", "gst", "other_fees", "movement_direction", "interest_direction",
        "cash_entry_mode", "settlement_cash_instrument_id", "economic_event_id",
        "linked_transaction_group_id", "source_system", "settlement_cash_account_id",
        "withholding_tax_amount", "other_interest_deductions_amount", "net_interest_amount",
    ];

    public override IReadOnlyList<string> KeyColumns { get; } = ["transaction_id"];

    public override IReadOnlySet<string> NumericColumns { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "quantity", "price", "gross_transaction_amount", "transaction_fx_rate", "trade_fee", "brokerage",
        "stamp_duty", "exchange_fee", "gst", "other_fees", "withholding_tax_amount",
        "other_interest_deductions_amount", "net_interest_amount",
    };

    public override void WriteRow(NpgsqlBinaryImporter writer, Transaction row)
    {
        CopyValues.RequiredText(writer, row.TransactionId);
        CopyValues.RequiredText(writer, row.PortfolioId);
        CopyValues.RequiredText(writer, row.InstrumentId);
        CopyValues.RequiredText(writer, row.SecurityId);
        CopyValues.Date(writer, row.TransactionDate);
        CopyValues.Date(writer, row.SettlementDate);
        CopyValues.RequiredText(writer, row.TransactionType);
        CopyValues.DecimalOrZero(writer, row.Quantity);
        CopyValues.DecimalOrZero(writer, row.Price);
        CopyValues.DecimalOrZero(writer, row.GrossTransactionAmount);
        CopyValues.RequiredText(writer, row.TradeCurrency);
        CopyValues.RequiredText(writer, row.Currency);
        CopyValues.Decimal(writer, row.TransactionFxRate);
        CopyValues.Decimal(writer, row.TradeFee);
        CopyValues.Decimal(writer, row.Brokerage);
        CopyValues.Decimal(writer, row.StampDuty);
        CopyValues.Decimal(writer, row.ExchangeFee);
        CopyValues.Decimal(writer, row.Gst);
        CopyValues.Decimal(writer, row.OtherFees);
        CopyValues.Text(writer, row.MovementDirection);
        CopyValues.Text(writer, row.InterestDirection);
        CopyValues.Text(writer, row.CashEntryMode);
        CopyValues.Text(writer, row.SettlementCashInstrumentId);
        CopyValues.Text(writer, row.EconomicEventId);
        CopyValues.Text(writer, row.LinkedTransactionGroupId);
        CopyValues.Text(writer, row.SourceSystem);
        CopyValues.Text(writer, row.SettlementCashAccountId);
        CopyValues.Decimal(writer, row.WithholdingTaxAmount);
        CopyValues.Decimal(writer, row.OtherInterestDeductionsAmount);
        CopyValues.Decimal(writer, row.NetInterestAmount);
    }

    public override Transaction Read(NpgsqlDataReader reader) => new()
    {
        TransactionId = reader.GetString(0),
        PortfolioId = reader.GetString(1),
        InstrumentId = reader.GetString(2),
        SecurityId = reader.GetString(3),
        TransactionDate = ReadValues.Date(reader, 4),
        SettlementDate = ReadValues.Date(reader, 5),
        TransactionType = reader.GetString(6),
        Quantity = reader.GetString(7),
        Price = reader.GetString(8),
        GrossTransactionAmount = reader.GetString(9),
        TradeCurrency = reader.GetString(10),
        Currency = reader.GetString(11),
        TransactionFxRate = ReadValues.Text(reader, 12),
        TradeFee = ReadValues.Text(reader, 13),
        Brokerage = ReadValues.Text(reader, 14),
        StampDuty = ReadValues.Text(reader, 15),
        ExchangeFee = ReadValues.Text(reader, 16),
        Gst = ReadValues.Text(reader, 17),
        OtherFees = ReadValues.Text(reader, 18),
        MovementDirection = ReadValues.Text(reader, 19),
        InterestDirection = ReadValues.Text(reader, 20),
        CashEntryMode = ReadValues.Text(reader, 21),
        SettlementCashInstrumentId = ReadValues.Text(reader, 22),
        EconomicEventId = ReadValues.Text(reader, 23),
        LinkedTransactionGroupId = ReadValues.Text(reader, 24),
        SourceSystem = ReadValues.Text(reader, 25),
        SettlementCashAccountId = ReadValues.Text(reader, 26),
        WithholdingTaxAmount = ReadValues.Text(reader, 27),
        OtherInterestDeductionsAmount = ReadValues.Text(reader, 28),
        NetInterestAmount = ReadValues.Text(reader, 29),
    };
}
