using Lotus.Domain.Values;

namespace Lotus.Domain.Reference;

/// <summary>amount_to = amount_from x <see cref="Rate"/>. Only direct pairs are ever looked up (semantics 1).</summary>
public sealed record FxRate(CurrencyCode FromCurrency, CurrencyCode ToCurrency, DateOnly RateDate, decimal Rate);
