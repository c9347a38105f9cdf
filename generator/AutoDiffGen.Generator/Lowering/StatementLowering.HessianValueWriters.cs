using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: a Hessian-mode call to a [Differentiable] callee returning a double that writes a <c>double[,]</c> it is
/// passed (hess23, ExpressionLowering.HessianInlinedValueWriter), inlined where it stands as a Try-shaped helper is.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>The call's value node, or -1 after a diagnostic (which makes MethodAnalyzer lower the method again with the call: ADG0019 there).</summary>
    private int InlineHessianValueWriter(IInvocationOperation call, IBlockOperation body)
    {
        var method = call.TargetMethod;
        int before = _context.Diagnostics.Count;
        // Counted as an inlined callee, and kept from inlining itself again (as the void writers of hess20/21).
        _context.InliningCallees.Add(method);
        _context.InlinedCalls++;
        int[]? nodes;
        try
        {
            nodes = InlineCall(call, method, body, null, "the method '" + method.ContainingType.Name + "." + method.Name + "'");
        }
        finally
        {
            _context.InliningCallees.RemoveAt(_context.InliningCallees.Count - 1);
        }
        if (nodes is { Length: 1 } && nodes[0] >= 0) return nodes[0];
        // Never a silent stop: a diagnostic makes MethodAnalyzer lower the method again with the call.
        if (_context.Diagnostics.Count == before) _context.ReportUnsupportedExpression(call, "A call to '" + method.ContainingType.Name + "." + method.Name + "' inlined for Hessian mode");
        return -1;
    }
}
