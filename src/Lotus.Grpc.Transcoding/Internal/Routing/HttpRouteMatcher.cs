using System.Text;

namespace Lotus.Grpc.Transcoding.Internal.Routing;

/// <summary>
/// Matches a raw request path (still percent-encoded, no query) against a pattern and extracts
/// variable values. Decoding follows §12: a one-segment variable is fully decoded; a multi-segment
/// variable keeps <c>/</c> as the separator and leaves <c>%2F</c> encoded.
/// </summary>
internal static class HttpRouteMatcher
{
    public static bool TryMatch(HttpRoutePattern pattern, string rawPath, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (rawPath.Length == 0 || rawPath[0] != '/')
        {
            return false;
        }

        var path = rawPath[1..];
        if (pattern.Verb is not null)
        {
            var suffix = ":" + pattern.Verb;
            if (!path.EndsWith(suffix, StringComparison.Ordinal))
            {
                return false;
            }

            path = path[..^suffix.Length];
        }

        var actual = path.Length == 0 ? [] : path.Split('/');
        var expected = pattern.Segments;
        if (pattern.EndsWithMultiWildcard ? actual.Length < expected.Count - 1 : actual.Length != expected.Count)
        {
            return false;
        }

        for (var i = 0; i < expected.Count; i++)
        {
            var segment = expected[i];
            if (segment == HttpRoutePattern.MultiWildcard)
            {
                break;
            }

            if (segment == HttpRoutePattern.SingleWildcard)
            {
                if (actual[i].Length == 0)
                {
                    return false;
                }

                continue;
            }

            if (!string.Equals(Decode(actual[i], keepSlash: false), segment, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var variable in pattern.Variables)
        {
            var end = variable.EndSegment == expected.Count && pattern.EndsWithMultiWildcard ? actual.Length : variable.EndSegment;
            var raw = string.Join('/', actual[variable.StartSegment..end]);
            values[variable.FieldPathText] = Decode(raw, keepSlash: variable.IsMultiSegment(pattern));
        }

        return true;
    }

    /// <summary>Percent-decodes UTF-8; with <paramref name="keepSlash"/>, %2F stays as written.</summary>
    public static string Decode(string raw, bool keepSlash)
    {
        if (!raw.Contains('%', StringComparison.Ordinal))
        {
            return raw;
        }

        var bytes = new List<byte>(raw.Length);
        var run = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '%' && i + 2 < raw.Length && IsHex(raw[i + 1]) && IsHex(raw[i + 2]))
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(raw.Substring(run, i - run)));
                var b = Convert.ToByte(raw.Substring(i + 1, 2), 16);
                if (keepSlash && b == (byte)'/')
                {
                    bytes.AddRange(Encoding.ASCII.GetBytes(raw.Substring(i, 3)));
                }
                else
                {
                    bytes.Add(b);
                }

                i += 2;
                run = i + 1;
            }
        }

        bytes.AddRange(Encoding.UTF8.GetBytes(raw[run..]));
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigit(c);
}
