using Lotus.Domain.Values;

namespace Lotus.Domain.Reference;

/// <summary>A closing price of a security on a date, quoted in <see cref="Currency"/>.</summary>
public sealed record MarketPrice(string SecurityId, DateOnly PriceDate, decimal Price, CurrencyCode Currency);
