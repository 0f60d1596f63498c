using Lotus.Domain.Reference;

namespace Lotus.Domain.Cost;

/// <summary>
/// Cost-engine output for one transaction (semantics 2.3). <see cref="NetCost"/> (portfolio currency) and
/// <see cref="NetCostLocal"/> (trade currency) are the signed change of the position's cost basis; realized
/// P&amp;L is null where the original leaves it unset (transfers, cash movements) and 0 where it sets an
/// explicit zero (BUY, income, splits). All values are quantised to 10 dp half-even.
/// </summary>
public readonly record struct CostedTransaction(
    Transaction Transaction,
    decimal TransactionFxRate,
    decimal GrossCost,
    decimal NetCost,
    decimal NetCostLocal,
    decimal? RealizedGainLoss,
    decimal? RealizedGainLossLocal);
