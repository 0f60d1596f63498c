namespace Lotus.Domain.Positions;

/// <summary>Running position of a key after a transaction: quantity and cost basis (base and local), 10 dp.</summary>
public readonly record struct PositionState(decimal Quantity, decimal CostBasis, decimal CostBasisLocal)
{
    public static PositionState Flat => default;
}
