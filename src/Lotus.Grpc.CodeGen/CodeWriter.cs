using System.Text;

namespace Lotus.Grpc.CodeGen;

/// <summary>Appends indented lines of C# source.</summary>
internal sealed class CodeWriter
{
    private readonly StringBuilder text = new();
    private int depth;

    public CodeWriter Line(string line = "")
    {
        if (line.Length > 0)
        {
            text.Append(' ', depth * 4);
        }

        text.Append(line).Append('\n');
        return this;
    }

    public CodeWriter Open(string line)
    {
        Line(line);
        Line("{");
        depth++;
        return this;
    }

    public CodeWriter Close(string suffix = "")
    {
        depth--;
        return Line("}" + suffix);
    }

    /// <summary>Writes a proto comment as an XML doc summary, escaping XML; nothing when the comment is empty.</summary>
    public CodeWriter DocComment(string? comment)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return this;
        }

        Line("/// <summary>");
        foreach (var raw in comment.TrimEnd().Split('\n'))
        {
            var escaped = raw.TrimEnd('\r').Replace("&", "&amp;", StringComparison.Ordinal)
                .Replace("<", "&lt;", StringComparison.Ordinal)
                .Replace(">", "&gt;", StringComparison.Ordinal);
            Line(escaped.Length == 0 ? "///" : "///" + (escaped.StartsWith(' ') ? escaped : " " + escaped));
        }

        return Line("/// </summary>");
    }

    public override string ToString() => text.ToString();
}
