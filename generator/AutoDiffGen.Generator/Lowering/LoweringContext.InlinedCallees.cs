using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Small static [Differentiable] callees inlined into the caller (ExpressionLowering.InlinedCallees): the switch, the
/// callees being inlined (innermost last, the recursion guard) and how many calls were inlined (MethodAnalyzer lowers
/// the method again without inlining when an attempt that inlined reports anything).
/// </summary>
internal sealed partial class LoweringContext
{
    /// <summary>Calls to small static [Differentiable] callees of the caller's type are inlined (in every mode: the graph is shared).</summary>
    public bool InlineCallees { get; set; }

    /// <summary>Calls inlined so far.</summary>
    public int InlinedCalls { get; set; }

    /// <summary>The callees whose bodies are being lowered, innermost last.</summary>
    public List<IMethodSymbol> InliningCallees { get; } = new();
}
