using Lotus.Domain.Values;

namespace Lotus.Domain.Cost.Internal;

/// <summary>
/// AVCO running pool (semantics 2.4). A lot-opening transaction adds to the pool and starts a segment;
/// a disposal sets cost_after = round10(segment_cost x qty_after / segment_qty), independently for local
/// and base, and COGS = cost_before - cost_after. O(1) per transaction: the per-source tax-lot view is
/// not rescaled on every disposal (the original's super-linear step) but derived on demand from a log
/// of scale factors.
/// </summary>
internal sealed class AvcoBook : CostBook
{
    private readonly List<Source> _sources;
    private readonly List<Scale> _scales;
    private decimal _qty;
    private decimal _costLocal;
    private decimal _costBase;
    private decimal _segmentQty;
    private decimal _segmentLocal;
    private decimal _segmentBase;

    public AvcoBook()
    {
        _sources = [];
        _scales = [];
    }

    private AvcoBook(AvcoBook other)
    {
        _sources = [.. other._sources];
        _scales = [.. other._scales];
        _qty = other._qty;
        _costLocal = other._costLocal;
        _costBase = other._costBase;
        _segmentQty = other._segmentQty;
        _segmentLocal = other._segmentLocal;
        _segmentBase = other._segmentBase;
    }

    public override CostBasisMethod Method => CostBasisMethod.Avco;

    public override decimal AvailableQuantity => _qty;

    public override decimal OpenCostLocal => Decimal10.Quantize(_costLocal);

    public override decimal OpenCostBase => Decimal10.Quantize(_costBase);

    public override CostBook Clone() => new AvcoBook(this);

    public static AvcoBook Restore(AvcoPoolSnapshot pool)
    {
        var book = new AvcoBook
        {
            _qty = pool.Quantity,
            _costLocal = pool.CostLocal,
            _costBase = pool.CostBase,
            _segmentQty = pool.SegmentQuantity,
            _segmentLocal = pool.SegmentCostLocal,
            _segmentBase = pool.SegmentCostBase,
        };
        foreach (var s in pool.Sources)
        {
            book._sources.Add(new Source(s.SourceTransactionId, s.AcquisitionDate, s.Quantity, s.CostLocal, s.CostBase, s.FirstScale));
        }

        foreach (var k in pool.Scales)
        {
            book._scales.Add(new Scale(k.QuantityFactor, k.CostFactor));
        }

        return book;
    }

    public override CostBookSnapshot Snapshot()
    {
        var sources = new AvcoSourceSnapshot[_sources.Count];
        for (var i = 0; i < sources.Length; i++)
        {
            var s = _sources[i];
            sources[i] = new AvcoSourceSnapshot(s.TransactionId, s.Date, s.Quantity, s.CostLocal, s.CostBase, s.FirstScale);
        }

        var scales = new AvcoScaleSnapshot[_scales.Count];
        for (var i = 0; i < scales.Length; i++)
        {
            scales[i] = new AvcoScaleSnapshot(_scales[i].Quantity, _scales[i].Cost);
        }

        var pool = new AvcoPoolSnapshot(_qty, _costLocal, _costBase, _segmentQty, _segmentLocal, _segmentBase, sources, scales);
        return new CostBookSnapshot(CostBasisMethod.Avco, [], pool);
    }

    public override IReadOnlyList<OpenLot> GetOpenLots()
    {
        // Suffix products of the scale log: a source added before scale k is multiplied by every factor
        // from k on. A product that underflows to 0 only does so when the true value is far below 1e-10.
        var n = _scales.Count;
        var qtyFactor = new decimal[n + 1];
        var costFactor = new decimal[n + 1];
        qtyFactor[n] = 1m;
        costFactor[n] = 1m;
        for (var k = n - 1; k >= 0; k--)
        {
            qtyFactor[k] = qtyFactor[k + 1] * _scales[k].Quantity;
            costFactor[k] = costFactor[k + 1] * _scales[k].Cost;
        }

        var lots = new OpenLot[_sources.Count];
        for (var i = 0; i < lots.Length; i++)
        {
            var s = _sources[i];
            lots[i] = new OpenLot(
                s.TransactionId,
                s.Date,
                Decimal10.Quantize(s.Quantity),
                Decimal10.Quantize(s.Quantity * qtyFactor[s.FirstScale]),
                Decimal10.Quantize(s.CostLocal * costFactor[s.FirstScale]),
                Decimal10.Quantize(s.CostBase * costFactor[s.FirstScale]));
        }

        return lots;
    }

    internal override void Open(string transactionId, DateOnly date, decimal quantity, decimal costLocal, decimal costBase)
    {
        _qty += quantity;
        _costLocal += costLocal;
        _costBase += costBase;
        StartSegment();
        _sources.Add(new Source(transactionId, date, quantity, costLocal, costBase, _scales.Count));
    }

    internal override void Consume(decimal quantity, out decimal consumedLocal, out decimal consumedBase)
    {
        if (quantity == 0m)
        {
            consumedLocal = 0m;
            consumedBase = 0m;
            return;
        }

        var after = _qty - quantity;
        decimal afterLocal;
        decimal afterBase;
        if (after == 0m)
        {
            afterLocal = 0m;
            afterBase = 0m;
        }
        else
        {
            afterLocal = Decimal10.Quantize(_segmentLocal * after / _segmentQty);
            afterBase = Decimal10.Quantize(_segmentBase * after / _segmentQty);
        }

        consumedLocal = _costLocal - afterLocal;
        consumedBase = _costBase - afterBase;
        if (after == 0m)
        {
            // Flat pool: every source is closed; the log starts afresh.
            _sources.Clear();
            _scales.Clear();
        }
        else
        {
            var ratio = after / _qty;
            _scales.Add(new Scale(ratio, ratio));
        }

        _qty = after;
        _costLocal = afterLocal;
        _costBase = afterBase;
    }

    internal override void RestateQuantity(decimal newQuantity)
    {
        _scales.Add(new Scale(newQuantity / _qty, 1m));
        _qty = newQuantity;
        StartSegment();
    }

    private void StartSegment()
    {
        _segmentQty = _qty;
        _segmentLocal = _costLocal;
        _segmentBase = _costBase;
    }

    private readonly record struct Source(string TransactionId, DateOnly Date, decimal Quantity, decimal CostLocal, decimal CostBase, int FirstScale);

    private readonly record struct Scale(decimal Quantity, decimal Cost);
}
