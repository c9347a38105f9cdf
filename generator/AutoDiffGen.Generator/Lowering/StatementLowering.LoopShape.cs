using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>StatementLowering: what lowering a loop needs of it, for a C# loop and for a backward goto lowered as one.</summary>
internal sealed partial class StatementLowering
{
    /// <summary>
    /// A loop as the lowering sees it: the statement diagnostics point at, everything it runs (for the variables it
    /// carries), its body, the labels a break or continue of it jumps to, and the source it covers (a local declared
    /// inside it is not carried).
    /// </summary>
    private sealed class LoopShape
    {
        public LoopShape(IOperation at, IReadOnlyList<IOperation> parts, IReadOnlyList<IOperation> body, ILabelSymbol? exit, ILabelSymbol? next, TextSpan span)
        {
            At = at;
            Parts = parts;
            Body = body;
            Exit = exit;
            Next = next;
            Span = span;
        }

        public IOperation At { get; }
        public IReadOnlyList<IOperation> Parts { get; }
        public IReadOnlyList<IOperation> Body { get; }
        public ILabelSymbol? Exit { get; }
        public ILabelSymbol? Next { get; }
        public TextSpan Span { get; }

        public static LoopShape Of(ILoopOperation loop) =>
            new(loop, new IOperation[] { loop }, new[] { loop.Body }, loop.ExitLabel, loop.ContinueLabel, loop.Syntax.Span);
    }
}
