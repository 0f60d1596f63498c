namespace Lotus.Domain.Values;

/// <summary>
/// The transaction types this core books. Generated settlement cash legs are <see cref="Adjustment"/>
/// rows carrying an originating type (semantics 4.4).
/// </summary>
public enum TransactionType
{
    Buy,
    Sell,
    Dividend,
    Interest,
    Fee,
    Tax,
    Deposit,
    Withdrawal,
    TransferIn,
    TransferOut,
    Adjustment,
    Split,
    ReverseSplit,
    BonusIssue,
    StockDividend,
}

public static class TransactionTypes
{
    private static readonly string[] WireNames =
    [
        "BUY", "SELL", "DIVIDEND", "INTEREST", "FEE", "TAX", "DEPOSIT", "WITHDRAWAL", "TRANSFER_IN",
        "TRANSFER_OUT", "ADJUSTMENT", "SPLIT", "REVERSE_SPLIT", "BONUS_ISSUE", "STOCK_DIVIDEND",
    ];

    /// <summary>The wire name, e.g. "TRANSFER_IN".</summary>
    public static string ToWireName(this TransactionType type) => WireNames[(int)type];

    /// <summary>Parses a wire name (case-insensitive, surrounding blanks ignored); any other type is refused by name.</summary>
    public static TransactionType Parse(string? value, string field = "transaction_type")
    {
        if (TryParse(value, out var type))
        {
            return type;
        }

        throw new DomainValidationException(field, $"Unsupported transaction type '{value}'");
    }

    public static bool TryParse(string? value, out TransactionType type)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        for (var i = 0; i < WireNames.Length; i++)
        {
            if (string.Equals(WireNames[i], trimmed, StringComparison.OrdinalIgnoreCase))
            {
                type = (TransactionType)i;
                return true;
            }
        }

        type = default;
        return false;
    }
}
