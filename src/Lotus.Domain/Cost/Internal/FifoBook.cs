using Lotus.Domain.Values;

namespace Lotus.Domain.Cost.Internal;

/// <summary>
/// FIFO lots in a ring buffer (oldest at head). Consumed cost per lot is open-cost-before minus
/// open-cost-after, each round10(basis_cost x remaining / basis_qty), so rounding residue stays with the
/// open lot (semantics 2.4). Amortised O(1) per lot opened or closed.
/// </summary>
internal sealed class FifoBook : CostBook
{
    // Capacity is always a power of two so indices wrap with a mask.
    private Lot[] _ring;
    private int _head;
    private int _count;
    private decimal _available;
    private decimal _openLocal;
    private decimal _openBase;

    public FifoBook()
    {
        _ring = new Lot[8];
    }

    private FifoBook(FifoBook other)
    {
        _ring = new Lot[Math.Max(8, other._ring.Length)];
        for (var i = 0; i < other._count; i++)
        {
            _ring[i] = other._ring[(other._head + i) & (other._ring.Length - 1)];
        }

        _count = other._count;
        _available = other._available;
        _openLocal = other._openLocal;
        _openBase = other._openBase;
    }

    public override CostBasisMethod Method => CostBasisMethod.Fifo;

    public override decimal AvailableQuantity => _available;

    public override decimal OpenCostLocal => _openLocal;

    public override decimal OpenCostBase => _openBase;

    public override CostBook Clone() => new FifoBook(this);

    public static FifoBook Restore(IReadOnlyList<FifoLotSnapshot> lots)
    {
        var book = new FifoBook();
        foreach (var l in lots)
        {
            if (book._count == book._ring.Length)
            {
                book.Grow();
            }

            book._ring[book._count++] = new Lot
            {
                TransactionId = l.SourceTransactionId,
                Date = l.AcquisitionDate,
                OriginalQuantity = l.OriginalQuantity,
                BasisQuantity = l.BasisQuantity,
                BasisCostLocal = l.BasisCostLocal,
                BasisCostBase = l.BasisCostBase,
                Remaining = l.RemainingQuantity,
                OpenLocal = l.OpenCostLocal,
                OpenBase = l.OpenCostBase,
            };
            book._available += l.RemainingQuantity;
            book._openLocal += l.OpenCostLocal;
            book._openBase += l.OpenCostBase;
        }

        return book;
    }

    public override CostBookSnapshot Snapshot()
    {
        var lots = new FifoLotSnapshot[_count];
        for (var i = 0; i < _count; i++)
        {
            ref readonly var l = ref _ring[(_head + i) & (_ring.Length - 1)];
            lots[i] = new FifoLotSnapshot(l.TransactionId, l.Date, l.OriginalQuantity, l.BasisQuantity, l.BasisCostLocal, l.BasisCostBase, l.Remaining, l.OpenLocal, l.OpenBase);
        }

        return new CostBookSnapshot(CostBasisMethod.Fifo, lots, null);
    }

    public override IReadOnlyList<OpenLot> GetOpenLots()
    {
        var lots = new OpenLot[_count];
        for (var i = 0; i < _count; i++)
        {
            ref readonly var lot = ref _ring[(_head + i) & (_ring.Length - 1)];
            lots[i] = new OpenLot(lot.TransactionId, lot.Date, Decimal10.Quantize(lot.OriginalQuantity), Decimal10.Quantize(lot.Remaining), lot.OpenLocal, lot.OpenBase);
        }

        return lots;
    }

    internal override void Open(string transactionId, DateOnly date, decimal quantity, decimal costLocal, decimal costBase)
    {
        if (_count == _ring.Length)
        {
            Grow();
        }

        var openLocal = Decimal10.Quantize(costLocal);
        var openBase = Decimal10.Quantize(costBase);
        _ring[(_head + _count) & (_ring.Length - 1)] = new Lot
        {
            TransactionId = transactionId,
            Date = date,
            OriginalQuantity = quantity,
            BasisQuantity = quantity,
            BasisCostLocal = costLocal,
            BasisCostBase = costBase,
            Remaining = quantity,
            OpenLocal = openLocal,
            OpenBase = openBase,
        };
        _count++;
        _available += quantity;
        _openLocal += openLocal;
        _openBase += openBase;
    }

    internal override void Consume(decimal quantity, out decimal consumedLocal, out decimal consumedBase)
    {
        consumedLocal = 0m;
        consumedBase = 0m;
        var needed = quantity;
        while (needed > 0m)
        {
            ref var lot = ref _ring[_head];
            var take = needed < lot.Remaining ? needed : lot.Remaining;
            var remaining = lot.Remaining - take;
            decimal afterLocal;
            decimal afterBase;
            if (remaining == 0m)
            {
                afterLocal = 0m;
                afterBase = 0m;
            }
            else
            {
                // Multiply before dividing: decimal keeps 28 significant digits of the exact quotient.
                afterLocal = Decimal10.Quantize(lot.BasisCostLocal * remaining / lot.BasisQuantity);
                afterBase = Decimal10.Quantize(lot.BasisCostBase * remaining / lot.BasisQuantity);
            }

            consumedLocal += lot.OpenLocal - afterLocal;
            consumedBase += lot.OpenBase - afterBase;
            lot.Remaining = remaining;
            lot.OpenLocal = afterLocal;
            lot.OpenBase = afterBase;
            needed -= take;
            if (remaining == 0m)
            {
                lot = default;
                _head = (_head + 1) & (_ring.Length - 1);
                _count--;
            }
        }

        _available -= quantity;
        _openLocal -= consumedLocal;
        _openBase -= consumedBase;
        if (_count == 0)
        {
            _head = 0;
        }
    }

    internal override void RestateQuantity(decimal newQuantity)
    {
        // Each lot keeps its open cost and takes a pro-rata share of the new quantity; the last lot takes
        // the remainder so the lots add up exactly. The lot is re-based at its open cost (decision D3).
        var old = _available;
        decimal assigned = 0m;
        for (var i = 0; i < _count; i++)
        {
            ref var lot = ref _ring[(_head + i) & (_ring.Length - 1)];
            var restated = i == _count - 1 ? newQuantity - assigned : Decimal10.Quantize(lot.Remaining * newQuantity / old);
            assigned += restated;
            lot.OriginalQuantity = Decimal10.Quantize(lot.OriginalQuantity * newQuantity / old);
            lot.Remaining = restated;
            lot.BasisQuantity = restated;
            lot.BasisCostLocal = lot.OpenLocal;
            lot.BasisCostBase = lot.OpenBase;
        }

        _available = newQuantity;
    }

    private void Grow()
    {
        var bigger = new Lot[_ring.Length * 2];
        for (var i = 0; i < _count; i++)
        {
            bigger[i] = _ring[(_head + i) & (_ring.Length - 1)];
        }

        _ring = bigger;
        _head = 0;
    }

    private struct Lot
    {
        public string TransactionId;
        public DateOnly Date;
        public decimal OriginalQuantity;
        public decimal BasisQuantity;
        public decimal BasisCostLocal;
        public decimal BasisCostBase;
        public decimal Remaining;
        public decimal OpenLocal;
        public decimal OpenBase;
    }
}
