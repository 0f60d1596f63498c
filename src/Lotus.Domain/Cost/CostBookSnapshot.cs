using Lotus.Domain.Values;

namespace Lotus.Domain.Cost;

/// <summary>
/// The exact, unrounded state of a <see cref="CostBook"/>, for storage to persist and restore so a key
/// can continue without replaying its history. Restoring gives bit-for-bit the same later results.
/// Exactly one of <see cref="FifoLots"/> (FIFO) or <see cref="Avco"/> (AVCO) is meaningful.
/// </summary>
public sealed record CostBookSnapshot(CostBasisMethod Method, IReadOnlyList<FifoLotSnapshot> FifoLots, AvcoPoolSnapshot? Avco);

/// <summary>One open FIFO lot; the basis fields are what later open costs are derived from (D3).</summary>
public sealed record FifoLotSnapshot(
    string SourceTransactionId,
    DateOnly AcquisitionDate,
    decimal OriginalQuantity,
    decimal BasisQuantity,
    decimal BasisCostLocal,
    decimal BasisCostBase,
    decimal RemainingQuantity,
    decimal OpenCostLocal,
    decimal OpenCostBase);

/// <summary>The AVCO pool with its current segment, source contributions and scale log (D10).</summary>
public sealed record AvcoPoolSnapshot(
    decimal Quantity,
    decimal CostLocal,
    decimal CostBase,
    decimal SegmentQuantity,
    decimal SegmentCostLocal,
    decimal SegmentCostBase,
    IReadOnlyList<AvcoSourceSnapshot> Sources,
    IReadOnlyList<AvcoScaleSnapshot> Scales);

/// <summary>A lot-opening contribution to the pool; <see cref="FirstScale"/> indexes the first scale that applies to it.</summary>
public sealed record AvcoSourceSnapshot(string SourceTransactionId, DateOnly AcquisitionDate, decimal Quantity, decimal CostLocal, decimal CostBase, int FirstScale);

/// <summary>One disposal or restatement: factors applied to source quantities and costs.</summary>
public sealed record AvcoScaleSnapshot(decimal QuantityFactor, decimal CostFactor);
