using Lotus.Domain.Values;

namespace Lotus.Domain.Cost;

/// <summary>
/// The lot state of one (portfolio, security) key: FIFO lots or an AVCO pool. Mutable while an engine
/// runs; <see cref="Clone"/> gives an independent checkpoint to restart from.
/// </summary>
public abstract class CostBook
{
    private protected CostBook()
    {
    }

    public abstract CostBasisMethod Method { get; }

    /// <summary>Quantity the book can still dispose of.</summary>
    public abstract decimal AvailableQuantity { get; }

    /// <summary>Open cost in trade (local) currency, quantised.</summary>
    public abstract decimal OpenCostLocal { get; }

    /// <summary>Open cost in portfolio (base) currency, quantised.</summary>
    public abstract decimal OpenCostBase { get; }

    /// <summary>An empty book for the method.</summary>
    public static CostBook Create(CostBasisMethod method) => method switch
    {
        CostBasisMethod.Fifo => new Internal.FifoBook(),
        CostBasisMethod.Avco => new Internal.AvcoBook(),
        _ => throw new ArgumentOutOfRangeException(nameof(method)),
    };

    /// <summary>Restores a book from <see cref="Snapshot"/> output.</summary>
    public static CostBook Restore(CostBookSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Method switch
        {
            CostBasisMethod.Fifo => Internal.FifoBook.Restore(snapshot.FifoLots),
            CostBasisMethod.Avco => Internal.AvcoBook.Restore(snapshot.Avco ?? throw new ArgumentException("AVCO snapshot without pool", nameof(snapshot))),
            _ => throw new ArgumentOutOfRangeException(nameof(snapshot)),
        };
    }

    /// <summary>The exact state, for persistence (O(open lots)).</summary>
    public abstract CostBookSnapshot Snapshot();

    /// <summary>Open lots oldest first (O(open lots)).</summary>
    public abstract IReadOnlyList<OpenLot> GetOpenLots();

    /// <summary>An independent copy of this book.</summary>
    public abstract CostBook Clone();

    internal abstract void Open(string transactionId, DateOnly date, decimal quantity, decimal costLocal, decimal costBase);

    /// <summary>Consumes <paramref name="quantity"/> (caller checked availability); returns consumed costs (10 dp).</summary>
    internal abstract void Consume(decimal quantity, out decimal consumedLocal, out decimal consumedBase);

    /// <summary>Restates the held quantity (split-like events); cost is unchanged.</summary>
    internal abstract void RestateQuantity(decimal newQuantity);
}
