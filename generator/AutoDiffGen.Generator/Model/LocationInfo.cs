using Microsoft.CodeAnalysis.Text;

namespace AutoDiffGen.Generator.Model;

/// <summary>
/// Where a diagnostic points, kept as plain data. The reporting step turns it back into a
/// tree-backed Location so that <c>#pragma warning disable</c> applies.
/// </summary>
internal sealed record LocationInfo(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public TextSpan Span => new(Start, Length);

    public LinePositionSpan LineSpan => new(new LinePosition(StartLine, StartColumn), new LinePosition(EndLine, EndColumn));
}
