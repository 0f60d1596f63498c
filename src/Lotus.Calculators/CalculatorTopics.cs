using Lotus.Messaging;

namespace Lotus.Calculators;

/// <summary>Topics of the calculators.</summary>
public static class CalculatorTopics
{
    /// <summary>Key portfolio_id: what to recompute (<see cref="PortfolioChange"/>). 16 partitions.</summary>
    public static readonly TopicDefinition PortfolioChanges = new("portfolio.changes", 16);
}
