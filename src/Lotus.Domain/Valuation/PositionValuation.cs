namespace Lotus.Domain.Valuation;

/// <summary>
/// Daily position snapshot (semantics 5). Position currency = instrument currency; portfolio currency =
/// base. Market values and unrealized P&amp;L are null unless <see cref="Status"/> is valued: an unvalued
/// position is reported as such, never as zero. Values are 10 dp.
/// </summary>
public sealed record PositionValuation(
    string PortfolioId,
    string SecurityId,
    DateOnly ValuationDate,
    decimal Quantity,
    decimal CostBasisPortfolioCurrency,
    decimal CostBasisPositionCurrency,
    ValuationStatus Status,
    decimal? MarketPrice = null,
    DateOnly? PriceDate = null,
    decimal? PositionToPortfolioFxRate = null,
    decimal? MarketValuePositionCurrency = null,
    decimal? MarketValuePortfolioCurrency = null,
    decimal? UnrealizedGainLossPositionCurrency = null,
    decimal? UnrealizedGainLossPortfolioCurrency = null,
    decimal? UnrealizedFxGainLossPortfolioCurrency = null,
    decimal? UnrealizedPriceGainLossPortfolioCurrency = null,
    string? StatusReason = null);
