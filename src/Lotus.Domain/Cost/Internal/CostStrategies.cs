using Lotus.Domain.Internal;
using Lotus.Domain.Reference;
using Lotus.Domain.Values;

namespace Lotus.Domain.Cost.Internal;

/// <summary>Per-type cost strategies (semantics 2.3, with decisions D3-D5 in docs/domain-decisions.md).</summary>
internal static class CostStrategies
{
    public static CostedTransaction Apply(Transaction t, bool isCash, decimal fx, CostBook book)
    {
        var g = t.GrossTransactionAmount;
        switch (t.TransactionType)
        {
            case TransactionType.Buy:
                {
                    if (t.Quantity <= 0m)
                    {
                        throw Invalid("quantity", t, "BUY quantity must be positive");
                    }

                    var local = g + Fees.Resolve(t);
                    var @base = local * fx;
                    book.Open(t.TransactionId, t.TradeDate, t.Quantity, local, @base);
                    return Result(t, fx, g * fx, @base, local, 0m, 0m);
                }

            case TransactionType.Sell:
                if (isCash)
                {
                    return CashMovement(t, fx, -CashAmount(t));
                }

                {
                    if (t.Quantity <= 0m)
                    {
                        throw Invalid("quantity", t, "SELL quantity must be positive");
                    }

                    Consume(t, book, out var cogsLocal, out var cogsBase);
                    var proceeds = g - Fees.Resolve(t);
                    return Result(t, fx, 0m, -cogsBase, -cogsLocal, (proceeds * fx) - cogsBase, proceeds - cogsLocal);
                }

            case TransactionType.Dividend:
            case TransactionType.Interest:
                if (t.Quantity != 0m)
                {
                    throw Invalid("quantity", t, $"{t.TransactionType.ToWireName()} quantity must be 0");
                }

                if (t.Price != 0m)
                {
                    throw Invalid("price", t, $"{t.TransactionType.ToWireName()} price must be 0");
                }

                if (g <= 0m)
                {
                    throw Invalid("gross_transaction_amount", t, $"{t.TransactionType.ToWireName()} gross_transaction_amount must be positive");
                }

                return Result(t, fx, 0m, 0m, 0m, 0m, 0m);

            case TransactionType.Fee:
                RequireCash(t, isCash);
                return CashMovement(t, fx, -(CashAmount(t) + Fees.Resolve(t)));

            case TransactionType.Tax:
                RequireCash(t, isCash);
                return CashMovement(t, fx, -CashAmount(t));

            case TransactionType.Deposit:
                {
                    RequireCash(t, isCash);
                    var amount = CashAmount(t);
                    if (amount <= 0m)
                    {
                        throw Invalid("gross_transaction_amount", t, "DEPOSIT amount must be positive");
                    }

                    book.Open(t.TransactionId, t.TradeDate, amount, amount, amount * fx);
                    return Result(t, fx, 0m, amount * fx, amount, null, null);
                }

            case TransactionType.Withdrawal:
            case TransactionType.TransferOut:
                if (isCash)
                {
                    return CashMovement(t, fx, -CashAmount(t));
                }

                {
                    Consume(t, book, out var consumedLocal, out var consumedBase);
                    return Result(t, fx, 0m, -consumedBase, -consumedLocal, null, null);
                }

            case TransactionType.TransferIn:
                if (t.Quantity > 0m)
                {
                    book.Open(t.TransactionId, t.TradeDate, t.Quantity, g, g * fx);
                }

                return Result(t, fx, 0m, g * fx, g, null, null);

            case TransactionType.Adjustment:
                {
                    var amount = CashAmount(t);
                    return CashMovement(t, fx, t.MovementDirection == MovementDirection.Inflow ? amount : -amount);
                }

            case TransactionType.Split:
            case TransactionType.BonusIssue:
            case TransactionType.StockDividend:
                if (t.Quantity <= 0m)
                {
                    throw Invalid("quantity", t, $"{t.TransactionType.ToWireName()} quantity (the added units) must be positive");
                }

                if (book.AvailableQuantity <= 0m)
                {
                    throw Invalid("quantity", t, $"{t.TransactionType.ToWireName()} on {t.SecurityId} needs an open position");
                }

                book.RestateQuantity(book.AvailableQuantity + t.Quantity);
                return Result(t, fx, 0m, 0m, 0m, 0m, 0m);

            case TransactionType.ReverseSplit:
                if (t.Quantity <= 0m)
                {
                    throw Invalid("quantity", t, "REVERSE_SPLIT quantity (the removed units) must be positive");
                }

                if (t.Quantity >= book.AvailableQuantity)
                {
                    throw Invalid("quantity", t, $"REVERSE_SPLIT quantity {Inv.S(t.Quantity)} must be less than available {Inv.S(book.AvailableQuantity)} for {t.SecurityId}");
                }

                book.RestateQuantity(book.AvailableQuantity - t.Quantity);
                return Result(t, fx, 0m, 0m, 0m, 0m, 0m);

            default:
                throw new DomainValidationException("transaction_type", $"Unsupported transaction type '{t.TransactionType}'");
        }
    }

    /// <summary>Cash magnitude: |G| when G is non-zero, else |q| (semantics 2.3, 3).</summary>
    internal static decimal CashAmount(Transaction t) =>
        t.GrossTransactionAmount != 0m ? Math.Abs(t.GrossTransactionAmount) : Math.Abs(t.Quantity);

    private static CostedTransaction CashMovement(Transaction t, decimal fx, decimal local) =>
        Result(t, fx, 0m, local * fx, local, null, null);

    private static void Consume(Transaction t, CostBook book, out decimal local, out decimal @base)
    {
        if (t.Quantity > book.AvailableQuantity)
        {
            throw new DomainValidationException(
                "quantity",
                $"{t.TransactionType.ToWireName()} quantity {Inv.S(t.Quantity)} exceeds available {Inv.S(book.AvailableQuantity)} for {t.SecurityId}");
        }

        book.Consume(t.Quantity, out local, out @base);
    }

    private static CostedTransaction Result(Transaction t, decimal fx, decimal gross, decimal netBase, decimal netLocal, decimal? realizedBase, decimal? realizedLocal) =>
        new(
            t,
            fx,
            Decimal10.Quantize(gross),
            Decimal10.Quantize(netBase),
            Decimal10.Quantize(netLocal),
            Decimal10.Quantize(realizedBase),
            Decimal10.Quantize(realizedLocal));

    private static void RequireCash(Transaction t, bool isCash)
    {
        if (!isCash)
        {
            throw new DomainValidationException(
                "security_id",
                $"{t.TransactionType.ToWireName()} must be booked on a cash instrument, not {t.SecurityId}");
        }
    }

    private static DomainValidationException Invalid(string field, Transaction t, string message) =>
        new(field, $"{message} ({t.TransactionId})");
}
