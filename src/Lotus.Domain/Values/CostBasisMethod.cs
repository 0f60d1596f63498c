namespace Lotus.Domain.Values;

/// <summary>Portfolio cost basis method (semantics 1: FIFO default, or AVCO).</summary>
public enum CostBasisMethod
{
    Fifo,
    Avco,
}

public static class CostBasisMethods
{
    /// <summary>
    /// Parses like the original: upper-cased, '-' mapped to '_', null or blank means FIFO, anything else
    /// is refused.
    /// </summary>
    public static CostBasisMethod Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return CostBasisMethod.Fifo;
        }

        var normalized = value.Trim().ToUpperInvariant().Replace('-', '_');
        return normalized switch
        {
            "FIFO" => CostBasisMethod.Fifo,
            "AVCO" => CostBasisMethod.Avco,
            _ => throw new DomainValidationException("cost_basis_method", $"Unsupported cost basis method '{value}' (expected FIFO or AVCO)"),
        };
    }
}
