using Lotus.Domain.Reference;
using Lotus.Domain.Values;

namespace Lotus.Domain.Cost;

/// <summary>
/// Canonical order of one key's transactions (semantics 2.5): timestamp, then for cash instruments
/// inflows before neutral before outflows, then larger quantity first, then transaction_id (ordinal).
/// Position history replays in the same order (decision D2).
/// </summary>
public sealed class TransactionTimeline : IComparer<Transaction>
{
    private readonly bool _isCash;

    private TransactionTimeline(bool isCash)
    {
        _isCash = isCash;
    }

    public static TransactionTimeline ForSecurities { get; } = new(false);

    public static TransactionTimeline ForCash { get; } = new(true);

    public static TransactionTimeline For(Instrument instrument) => instrument.IsCash ? ForCash : ForSecurities;

    public int Compare(Transaction? x, Transaction? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        var c = x.TransactionDate.UtcTicks.CompareTo(y.TransactionDate.UtcTicks);
        if (c != 0)
        {
            return c;
        }

        if (_isCash)
        {
            c = CashRank(x.TransactionType).CompareTo(CashRank(y.TransactionType));
            if (c != 0)
            {
                return c;
            }
        }

        c = y.Quantity.CompareTo(x.Quantity);
        return c != 0 ? c : string.CompareOrdinal(x.TransactionId, y.TransactionId);
    }

    /// <summary>
    /// Sorts a copy of <paramref name="transactions"/> into timeline order and refuses duplicate ids, so the
    /// result does not depend on the input order.
    /// </summary>
    public Transaction[] Sort(IEnumerable<Transaction> transactions)
    {
        var array = transactions.ToArray();
        Array.Sort(array, this);
        var seen = new HashSet<string>(array.Length, StringComparer.Ordinal);
        foreach (var t in array)
        {
            if (!seen.Add(t.TransactionId))
            {
                throw new DomainValidationException("transaction_id", $"Duplicate transaction_id '{t.TransactionId}' in the timeline of {t.PortfolioId}/{t.SecurityId}");
            }
        }

        return array;
    }

    private static int CashRank(TransactionType type) => type switch
    {
        TransactionType.Deposit or TransactionType.TransferIn or TransactionType.Buy => 0,
        TransactionType.Sell or TransactionType.Withdrawal or TransactionType.Fee or TransactionType.Tax or TransactionType.TransferOut => 2,
        _ => 1,
    };
}
