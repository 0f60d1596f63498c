using System.Globalization;
using System.Text;

namespace Lotus.Grpc.Transcoding.Internal.Routing;

/// <summary>
/// The ASP.NET Core route pattern that pre-selects requests for a template: literals stay literal,
/// <c>*</c> becomes a parameter, <c>**</c> a catch-all. ASP.NET routing only narrows the candidates;
/// <see cref="HttpRouteMatcher"/> decides and extracts values from the raw path.
/// </summary>
internal static class AspNetRoutePattern
{
    public static string From(HttpRoutePattern pattern)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < pattern.Segments.Count; i++)
        {
            var segment = pattern.Segments[i];
            builder.Append('/');
            var last = i == pattern.Segments.Count - 1;
            switch (segment)
            {
                case HttpRoutePattern.MultiWildcard:
                    builder.Append("{**rest}");
                    break;
                case HttpRoutePattern.SingleWildcard:
                    builder.Append(CultureInfo.InvariantCulture, $"{{p{i}}}");
                    if (last && pattern.Verb is not null)
                    {
                        builder.Append(':').Append(EscapeLiteral(pattern.Verb));
                    }

                    break;
                default:
                    builder.Append(EscapeLiteral(segment));
                    if (last && pattern.Verb is not null)
                    {
                        builder.Append(':').Append(EscapeLiteral(pattern.Verb));
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    // Literals are matched against the decoded path by ASP.NET; braces cannot occur (grammar).
    private static string EscapeLiteral(string literal) => Uri.UnescapeDataString(literal);
}
