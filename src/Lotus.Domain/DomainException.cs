namespace Lotus.Domain;

/// <summary>A domain rule refused an input. <see cref="Field"/> is the snake_case path of the offending field.</summary>
public abstract class DomainException : Exception
{
    protected DomainException(string field, string message)
        : base(message)
    {
        Field = field;
    }

    /// <summary>Field path in the wire vocabulary, e.g. "quantity" or "transactions[3].trade_fee".</summary>
    public string Field { get; }
}

/// <summary>The input itself is invalid; retrying will not help (maps to a BadRequest field violation).</summary>
public sealed class DomainValidationException : DomainException
{
    public DomainValidationException(string field, string message)
        : base(field, message)
    {
    }
}

/// <summary>
/// Market data needed by the calculation is missing (e.g. no FX rate on or before the trade date).
/// The original retries the whole key later instead of defaulting (semantics 2.2).
/// </summary>
public sealed class MissingMarketDataException : DomainException
{
    public MissingMarketDataException(string field, string message)
        : base(field, message)
    {
    }
}
