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
        var lines = text.TrimEnd('\n').Split('\n');
        foreach (var line in lines) Line(line);
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
