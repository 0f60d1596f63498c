namespace Lotus.Grpc.Transcoding.Internal.Routing;

/// <summary>
/// Parses a google.api.http path template (googleapis google/api/http.proto; docs grpc-protocol.md §12).
/// <code>
/// Template = "/" Segments [ Verb ] ;
/// Segments = Segment { "/" Segment } ;
/// Segment  = "*" | "**" | LITERAL | Variable ;
/// Variable = "{" FieldPath [ "=" Segments ] "}" ;
/// FieldPath = IDENT { "." IDENT } ;
/// Verb     = ":" LITERAL ;
/// </code>
/// Further rules: <c>**</c> only as the last segment; variables do not nest; <c>{x}</c> means
/// <c>{x=*}</c>; a field is bound by at most one variable. Every failure names the template.
/// </summary>
internal sealed class HttpRoutePatternParser
{
    private readonly string template;
    private readonly List<string> segments = [];
    private readonly List<HttpRouteVariable> variables = [];
    private int position;
    private bool inVariable;

    private HttpRoutePatternParser(string template)
    {
        this.template = template;
    }

    public static HttpRoutePattern Parse(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        try
        {
            return new HttpRoutePatternParser(template).ParseTemplate();
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Error parsing path template '{template}': {e.Message}", e);
        }
    }

    // Template = "/" Segments [ Verb ] ;
    private HttpRoutePattern ParseTemplate()
    {
        Expect('/');
        ParseSegments();
        string? verb = null;
        if (TryConsume(':'))
        {
            verb = ParseVerb();
        }

        if (position != template.Length)
        {
            throw new FormatException($"unexpected '{template[position]}' at position {position}.");
        }

        var multi = segments.IndexOf(HttpRoutePattern.MultiWildcard);
        if (multi >= 0 && multi != segments.Count - 1)
        {
            throw new FormatException("'**' must be the last segment.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in variables)
        {
            if (!seen.Add(variable.FieldPathText))
            {
                throw new FormatException($"field '{variable.FieldPathText}' is bound by more than one variable.");
            }
        }

        return new HttpRoutePattern(template, segments.ToArray(), variables.ToArray(), verb);
    }

    // Segments = Segment { "/" Segment } ;
    private void ParseSegments()
    {
        ParseSegment();
        while (TryConsume('/'))
        {
            ParseSegment();
        }
    }

    // Segment = "*" | "**" | LITERAL | Variable ;
    private void ParseSegment()
    {
        if (TryConsume('*'))
        {
            segments.Add(TryConsume('*') ? HttpRoutePattern.MultiWildcard : HttpRoutePattern.SingleWildcard);
            return;
        }

        if (Peek() == '{')
        {
            ParseVariable();
            return;
        }

        segments.Add(ParseLiteral("segment"));
    }

    // Variable = "{" FieldPath [ "=" Segments ] "}" ;
    private void ParseVariable()
    {
        if (inVariable)
        {
            throw new FormatException($"variables cannot nest (position {position}).");
        }

        Expect('{');
        inVariable = true;
        var fieldPath = ParseFieldPath();
        var start = segments.Count;
        if (TryConsume('='))
        {
            ParseSegments();
        }
        else
        {
            segments.Add(HttpRoutePattern.SingleWildcard);
        }

        Expect('}');
        inVariable = false;
        variables.Add(new HttpRouteVariable(fieldPath, start, segments.Count));
    }

    // FieldPath = IDENT { "." IDENT } ;
    private List<string> ParseFieldPath()
    {
        var path = new List<string> { ParseIdent() };
        while (TryConsume('.'))
        {
            path.Add(ParseIdent());
        }

        return path;
    }

    // Verb = ":" LITERAL ;
    private string ParseVerb() => ParseLiteral("verb");

    // IDENT = letter { letter | digit | "_" } ;
    private string ParseIdent()
    {
        var start = position;
        while (position < template.Length && (char.IsAsciiLetterOrDigit(template[position]) || template[position] == '_'))
        {
            position++;
        }

        if (position == start || char.IsAsciiDigit(template[start]))
        {
            throw new FormatException($"expected a field name at position {start}.");
        }

        return template[start..position];
    }

    // LITERAL = pchar { pchar } ;  (RFC 3986 pchar without ':', which starts the verb)
    private string ParseLiteral(string what)
    {
        var start = position;
        while (position < template.Length && IsLiteralChar(template[position]))
        {
            position++;
        }

        if (position == start)
        {
            var found = position < template.Length ? $"'{template[position]}'" : "the end";
            throw new FormatException($"expected a {what} at position {start}, found {found}.");
        }

        return template[start..position];
    }

    private static bool IsLiteralChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '-' or '.' or '_' or '~' or '%' or '!' or '$' or '&' or '\'' or '(' or ')' or '+' or ',' or ';' or '=' or '@';

    private char? Peek() => position < template.Length ? template[position] : null;

    private bool TryConsume(char c)
    {
        if (Peek() == c)
        {
            position++;
            return true;
        }

        return false;
    }

    private void Expect(char c)
    {
        if (!TryConsume(c))
        {
            var found = position < template.Length ? $"'{template[position]}'" : "the end";
            throw new FormatException($"expected '{c}' at position {position}, found {found}.");
        }
    }
}
