namespace Lotus.Domain.Positions;

/// <summary>
/// One position_history row: the position AFTER a transaction, dated by the transaction's UTC trade
/// date (semantics 3). <see cref="CostBasis"/> is in portfolio currency, <see cref="CostBasisLocal"/> in
/// the trade currency.
/// </summary>
public readonly record struct PositionHistoryRow(
    string PortfolioId,
    string SecurityId,
    string TransactionId,
    DateOnly PositionDate,
    decimal Quantity,
    decimal CostBasis,
    decimal CostBasisLocal)
{
    public PositionState State => new(Quantity, CostBasis, CostBasisLocal);
}
