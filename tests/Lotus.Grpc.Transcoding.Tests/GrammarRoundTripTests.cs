using System.Globalization;
using System.Text;
using Lotus.Grpc.Transcoding.Internal.Routing;

namespace Lotus.Grpc.Transcoding.Tests;

/// <summary>
/// Parser and matcher agree: templates generated from the grammar (seeded, reproducible) parse, and
/// a path built from each template with arbitrary percent-encoded values matches and gives the values
/// back decoded by §12's rules.
/// </summary>
[TestFixture]
public sealed class GrammarRoundTripTests
{
    private const string LiteralChars = "abcdefghijklmnopqrstuvwxyz0123456789-._~";
    private const string ValueChars = "abcXYZ019 /:%?#&=+é€-_.~";

    [Test]
    public void GeneratedTemplates_MatchPathsBuiltFromThem([Range(0, 199)] int seed)
    {
        var random = new Random(seed);
        var template = new StringBuilder();
        var path = new StringBuilder();
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        var count = random.Next(1, 5);
        for (var i = 0; i < count; i++)
        {
            var last = i == count - 1;
            template.Append('/');
            path.Append('/');
            var field = "f" + i.ToString(CultureInfo.InvariantCulture);
            switch (random.Next(last ? 7 : 5))
            {
                case 0 or 1:
                    var literal = Literal(random);
                    template.Append(literal);
                    path.Append(literal);
                    break;
                case 2:
                    template.Append('*');
                    path.Append(Uri.EscapeDataString(Value(random)));
                    break;
                case 3:
                    var value = Value(random);
                    template.Append('{').Append(field).Append('}');
                    path.Append(Uri.EscapeDataString(value));
                    expected[field] = value;
                    break;
                case 4:
                    var prefix = Literal(random);
                    var inner = Value(random);
                    template.Append('{').Append(field).Append('=').Append(prefix).Append("/*}");
                    path.Append(prefix).Append('/').Append(Uri.EscapeDataString(inner));
                    expected[field] = prefix + "/" + inner.Replace("/", "%2F", StringComparison.Ordinal);
                    break;
                default:
                    var parts = Enumerable.Range(0, random.Next(0, 4)).Select(_ => Value(random)).ToList();
                    var named = random.Next(2) == 0;
                    template.Append(named ? "{" + field + "=**}" : "**");
                    if (parts.Count == 0 && path.Length > 1)
                    {
                        // Zero segments: no trailing slash, except for the root path itself.
                        path.Length--;
                    }

                    path.Append(string.Join('/', parts.Select(Uri.EscapeDataString)));
                    if (named)
                    {
                        expected[field] = string.Join('/', parts.Select(p => p.Replace("/", "%2F", StringComparison.Ordinal)));
                    }

                    break;
            }
        }

        if (random.Next(3) == 0)
        {
            var verb = Literal(random);
            template.Append(':').Append(verb);
            path.Append(':').Append(verb);
        }

        var pattern = HttpRoutePatternParser.Parse(template.ToString());
        var matched = HttpRouteMatcher.TryMatch(pattern, path.ToString(), out var values);

        Assert.That(matched, Is.True, $"{template} vs {path}");
        Assert.That(values, Is.EqualTo(expected), $"{template} vs {path}");
    }

    private static string Literal(Random random) =>
        new(Enumerable.Range(0, random.Next(1, 7)).Select(_ => LiteralChars[random.Next(LiteralChars.Length)]).ToArray());

    private static string Value(Random random) =>
        new(Enumerable.Range(0, random.Next(1, 8)).Select(_ => ValueChars[random.Next(ValueChars.Length)]).ToArray());
}
