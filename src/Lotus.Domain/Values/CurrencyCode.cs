namespace Lotus.Domain.Values;

/// <summary>An ISO-4217-style three-letter currency code, stored upper-case.</summary>
public readonly record struct CurrencyCode
{
    private readonly string? _code;

    private CurrencyCode(string code)
    {
        _code = code;
    }

    public string Code => _code ?? string.Empty;

    /// <summary>Parses a code, trimming and upper-casing it; <paramref name="field"/> names it in errors.</summary>
    public static CurrencyCode Parse(string? value, string field = "currency")
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length != 3)
        {
            throw new DomainValidationException(field, $"Currency code '{value}' must have exactly three letters");
        }

        Span<char> upper = stackalloc char[3];
        for (var i = 0; i < 3; i++)
        {
            var c = trimmed[i];
            if (c is >= 'a' and <= 'z')
            {
                c = (char)(c - 'a' + 'A');
            }

            if (c is < 'A' or > 'Z')
            {
                throw new DomainValidationException(field, $"Currency code '{value}' must have exactly three letters");
            }

            upper[i] = c;
        }

        return new CurrencyCode(new string(upper));
    }

    public static implicit operator CurrencyCode(string value) => Parse(value);

    public override string ToString() => Code;
}
