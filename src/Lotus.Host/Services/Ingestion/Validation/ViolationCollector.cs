using System.Globalization;
using Google.Rpc;

namespace Lotus.Host.Services.Ingestion.Validation;

/// <summary>
/// Collects the field violations of a whole request, up to a bound (the first N are reported;
/// validation stops once the bound is reached). Paths read "transactions[3].quantity".
/// </summary>
public sealed class ViolationCollector(int limit)
{
    private readonly List<BadRequest.Types.FieldViolation> _violations = [];

    public int Limit { get; } = limit;

    public int Count => _violations.Count;

    public bool IsFull => _violations.Count >= Limit;

    public IReadOnlyList<BadRequest.Types.FieldViolation> Violations => _violations;

    /// <summary>Adds "<paramref name="collection"/>[<paramref name="index"/>].<paramref name="field"/>".</summary>
    public void Add(string collection, int index, string field, string description)
        => Add(string.Create(CultureInfo.InvariantCulture, $"{collection}[{index}].{field}"), description);

    public void Add(string field, string description)
    {
        if (!IsFull)
        {
            _violations.Add(new BadRequest.Types.FieldViolation { Field = field, Description = description });
        }
    }
}
