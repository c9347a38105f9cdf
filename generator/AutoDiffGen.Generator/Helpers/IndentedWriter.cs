using System;
using System.Text;

namespace AutoDiffGen.Generator.Helpers;

/// <summary>
/// A minimal indented text writer, one tab per level (four spaces were a fifth of the generated text, parsed for
/// each of often thousands of methods): cheaper than SyntaxFactory + NormalizeWhitespace. Blocks nest by
/// <c>using (w.WriteBlock(header)) { ... }</c>, so every opened brace is closed where its scope ends.
/// </summary>
internal sealed class IndentedWriter
{
    private readonly StringBuilder _text = new();
    private int _depth;

    public IndentedWriter(int depth = 0) => _depth = depth;

    /// <summary>The current indentation level, for a writer whose text is appended here later (<see cref="Append"/>).</summary>
    public int Depth => _depth;

    /// <summary>How many characters are written so far: where the next line starts.</summary>
    public int Length => _text.Length;

    /// <summary>Appends another writer's text as it is (it was written at this writer's depth).</summary>
    public void Append(IndentedWriter other) => _text.Append(other._text);

    /// <summary>Appends text as it is: lines another writer wrote at this writer's depth.</summary>
    public void Text(string text) => _text.Append(text);

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
            if (stop > start) _text.Append('\t', _depth).Append(text, start, stop - start);
            _text.Append('\n');
            if (newline < 0) break;
            start = newline + 1;
        }
    }

    public void Line(string line = "")
    {
        if (line.Length > 0) _text.Append('\t', _depth).Append(line);
        _text.Append('\n');
    }

    /// <summary>Writes <paramref name="header"/> and <c>{</c>; disposing the result writes the matching <c>}</c>.</summary>
    public Block WriteBlock(string header)
    {
        Line(header);
        Line("{");
        _depth++;
        return new Block(this);
    }

    private void CloseBlock()
    {
        _depth--;
        Line("}");
    }

    /// <summary>One open <c>{ }</c> block; a struct, so a <c>using</c> of it allocates nothing.</summary>
    public readonly struct Block : IDisposable
    {
        private readonly IndentedWriter? _writer;

        internal Block(IndentedWriter writer) => _writer = writer;

        public void Dispose() => _writer?.CloseBlock();
    }

    public override string ToString() => _text.ToString();
}
