namespace Lotus.Domain.Cost;

/// <summary>
/// One open tax lot: a FIFO lot, or an AVCO source contribution scaled pro-rata by the pool's disposals
/// (semantics 2.4). Values are quantised to 10 dp.
/// </summary>
public readonly record struct OpenLot(
    string SourceTransactionId,
    DateOnly AcquisitionDate,
    decimal OriginalQuantity,
    decimal OpenQuantity,
    decimal OpenCostLocal,
    decimal OpenCostBase);
