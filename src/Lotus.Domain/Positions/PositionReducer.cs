using Lotus.Domain.Cost;
using Lotus.Domain.Cost.Internal;
using Lotus.Domain.Values;

namespace Lotus.Domain.Positions;

/// <summary>Position history reducer (semantics 3, decisions D4 and D5).</summary>
public static class PositionReducer
{
    /// <summary>The position after <paramref name="costed"/> is applied to <paramref name="state"/>.</summary>
    public static PositionState Apply(PositionState state, in CostedTransaction costed, bool isCash)
    {
        var t = costed.Transaction;
        var q = state.Quantity;
        var cb = state.CostBasis;
        var cbl = state.CostBasisLocal;
        var net = costed.NetCost;
        var netLocal = costed.NetCostLocal;
        switch (t.TransactionType)
        {
            case TransactionType.Buy:
                q += t.Quantity;
                cb += net;
                cbl += netLocal;
                break;

            case TransactionType.Sell:
                q -= t.Quantity;
                cb += net;
                cbl += netLocal;
                break;

            case TransactionType.Deposit:
            case TransactionType.Adjustment when t.MovementDirection == MovementDirection.Inflow:
                {
                    var m = CostStrategies.CashAmount(t);
                    q += m;
                    cb += net != 0m ? net : m;
                    cbl += netLocal != 0m ? netLocal : m;
                    break;
                }

            case TransactionType.Withdrawal when !isCash:
            case TransactionType.TransferOut:
                if (t.Quantity > 0m)
                {
                    q -= t.Quantity;
                    cb += net;
                    cbl += netLocal;
                }

                break;

            case TransactionType.Withdrawal:
            case TransactionType.Fee:
            case TransactionType.Tax:
            case TransactionType.Adjustment:
                {
                    var m = t.TransactionType == TransactionType.Fee && netLocal != 0m ? Math.Abs(netLocal) : CostStrategies.CashAmount(t);
                    q -= m;
                    cb += net != 0m ? net : -m;
                    cbl += netLocal != 0m ? netLocal : -m;
                    break;
                }

            case TransactionType.TransferIn:
                if (t.Quantity > 0m)
                {
                    q += t.Quantity;
                    cb += net;
                    cbl += netLocal;
                }

                break;

            case TransactionType.Split:
            case TransactionType.BonusIssue:
            case TransactionType.StockDividend:
                q += t.Quantity;
                break;

            case TransactionType.ReverseSplit:
                q -= t.Quantity;
                break;

            default:
                // DIVIDEND, INTEREST: neither quantity nor cost basis moves.
                break;
        }

        if (q == 0m)
        {
            return PositionState.Flat;
        }

        return new PositionState(Decimal10.Quantize(q), Decimal10.Quantize(cb), Decimal10.Quantize(cbl));
    }
}
