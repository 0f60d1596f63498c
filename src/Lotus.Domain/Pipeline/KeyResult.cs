using Lotus.Domain.Cashflows;
using Lotus.Domain.Cost;
using Lotus.Domain.Positions;

namespace Lotus.Domain.Pipeline;

/// <summary>
/// Per-transaction outputs of one key, all in timeline order and index-aligned: cost, position after the
/// transaction, and its cashflow; plus the state after the last one.
/// </summary>
public sealed record KeyResult(
    CostedTransaction[] Costed,
    PositionHistoryRow[] History,
    Cashflow[] Cashflows,
    KeyCheckpoint End);
