using System.Text;

namespace AutoDiffGen.Generator.Emit;

/// <summary>A minimal indented text writer: cheaper than SyntaxFactory + NormalizeWhitespace.</summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public IndentedWriter(int depth = 0) => _depth = depth;

    /// <summary>Appends text written by another writer, indented to this writer's depth.</summary>
    public void Raw(string text)
    {
        // Line by line without splitting into strings: the same text as Line() on each line of text.TrimEnd('\n').
        int end = text.Length;
        while (end > 0 && text[end - 1] == '\n') end--;
        int start = 0;
        while (true)
        {
            int newline = text.IndexOf('\n', start, end - start);
            int stop = newline < 0 ? end : newline;
            if (stop > start) _text.Append(' ', _depth * 4).Append(text, start, stop - start);
            _text.Append('\n');
            if (newline < 0) break;
            start = newline + 1;
        }
    }

    public void Line(string line = "")
    {
        if (line.Length > 0) _text.Append(' ', _depth * 4).Append(line);
        _text.Append('\n');
    }

    public void Open(string header)
    {
        Line(header);
        Line("{");
        _depth++;
    }

    public void Close()
    {
        _depth--;
        Line("}");
    }

    public override string ToString() => _text.ToString();
}
