using Lotus.Domain.Values;

namespace Lotus.Domain.Reference;

/// <summary>A portfolio as the calculators need it.</summary>
public sealed record Portfolio(string PortfolioId, CurrencyCode BaseCurrency, CostBasisMethod CostBasisMethod = CostBasisMethod.Fifo);
