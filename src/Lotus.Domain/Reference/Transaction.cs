using Lotus.Domain.Values;

namespace Lotus.Domain.Reference;

/// <summary>
/// A booked transaction (semantics 1). All amounts are non-negative; the type gives the direction.
/// Local currency is <see cref="TradeCurrency"/>.
/// </summary>
public sealed record Transaction
{
    public required string TransactionId { get; init; }
    public required string PortfolioId { get; init; }
    public required string SecurityId { get; init; }
    public required TransactionType TransactionType { get; init; }

    /// <summary>Trade timestamp; its UTC date dates the position change.</summary>
    public required DateTimeOffset TransactionDate { get; init; }

    /// <summary>Settlement timestamp; its UTC date dates settlement-dated cashflows (semantics 4.3).</summary>
    public DateTimeOffset? SettlementDate { get; init; }

    public decimal Quantity { get; init; }
    public decimal Price { get; init; }
    public decimal GrossTransactionAmount { get; init; }
    public required CurrencyCode TradeCurrency { get; init; }

    /// <summary>Currency of the cashflow; defaults to the trade currency when not given.</summary>
    public CurrencyCode? Currency { get; init; }

    public decimal? TradeFee { get; init; }
    public FeeComponents? FeeComponents { get; init; }

    /// <summary>Ignored by the cost engine for cross-currency trades: the FX table wins (semantics 2.2).</summary>
    public decimal? TransactionFxRate { get; init; }

    public MovementDirection MovementDirection { get; init; } = MovementDirection.Inflow;
    public InterestDirection InterestDirection { get; init; } = InterestDirection.Income;
    public decimal? WithholdingTaxAmount { get; init; }
    public decimal? OtherInterestDeductionsAmount { get; init; }
    public decimal? NetInterestAmount { get; init; }

    public CashEntryMode CashEntryMode { get; init; } = CashEntryMode.Default;
    public string? SettlementCashAccountId { get; init; }
    public string? SettlementCashInstrumentId { get; init; }

    /// <summary>Set on generated settlement cash legs and other derived rows.</summary>
    public TransactionType? OriginatingTransactionType { get; init; }
    public string? OriginatingTransactionId { get; init; }
    public string? EconomicEventId { get; init; }
    public string? LinkedTransactionGroupId { get; init; }

    /// <summary>UTC date of <see cref="TransactionDate"/>.</summary>
    public DateOnly TradeDate => DateOnly.FromDateTime(TransactionDate.UtcDateTime);

    /// <summary>UTC date of the settlement timestamp, or the trade date when none is given.</summary>
    public DateOnly SettlementOrTradeDate => SettlementDate is { } s ? DateOnly.FromDateTime(s.UtcDateTime) : TradeDate;

    public CurrencyCode CashflowCurrency => Currency ?? TradeCurrency;
}
