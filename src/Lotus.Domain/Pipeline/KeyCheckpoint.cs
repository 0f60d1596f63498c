using Lotus.Domain.Cost;
using Lotus.Domain.Positions;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;

namespace Lotus.Domain.Pipeline;

/// <summary>
/// Immutable state of one key after a prefix of its timeline: the cost book (lots or pool), the running
/// position, and the last transaction applied. Restarting from it gives the same results as a full run.
/// </summary>
public sealed class KeyCheckpoint
{
    private readonly CostBook _book;

    internal KeyCheckpoint(CostBook book, PositionState position, Transaction? lastTransaction)
    {
        _book = book.Clone();
        Position = position;
        LastTransaction = lastTransaction;
    }

    public CostBasisMethod Method => _book.Method;

    public PositionState Position { get; }

    /// <summary>The last transaction applied, or null for the empty checkpoint.</summary>
    public Transaction? LastTransaction { get; }

    public decimal AvailableQuantity => _book.AvailableQuantity;

    public static KeyCheckpoint Empty(CostBasisMethod method) => new(CostBook.Create(method), PositionState.Flat, null);

    /// <summary>
    /// Rebuilds a checkpoint from persisted parts: the book snapshot, the position after the last
    /// transaction, and that transaction (needed to check that what follows sorts after it).
    /// </summary>
    public static KeyCheckpoint Restore(CostBookSnapshot book, PositionState position, Transaction? lastTransaction) =>
        new(CostBook.Restore(book), position, lastTransaction);

    /// <summary>The exact cost-book state, for persistence.</summary>
    public CostBookSnapshot SnapshotBook() => _book.Snapshot();

    /// <summary>Open lots (FIFO) or pro-rata source lots (AVCO) at this point.</summary>
    public IReadOnlyList<OpenLot> GetOpenLots() => _book.GetOpenLots();

    /// <summary>A private mutable copy for an engine run.</summary>
    internal CostBook CopyBook() => _book.Clone();
}
