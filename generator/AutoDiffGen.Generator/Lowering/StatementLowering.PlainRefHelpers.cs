using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: a plain void helper leaving its results in ref/out arguments (<c>Next(ref k, n);</c>,
/// <c>b.Scale(input, out res);</c>, ExpressionLowering.PlainRefHelpers), inlined as a local function is.
/// </summary>
internal sealed partial class StatementLowering
{
    private void InlinePlainRefHelper(IInvocationOperation call, IBlockOperation body)
    {
        var method = call.TargetMethod;
        if (!_expressions.PlainRefHelperAccessible(call, body)) return;
        int before = _context.Diagnostics.Count;
        InlineCall(call, method, body, null, "the method '" + method.ContainingType.Name + "." + method.Name + "'");
        // The helper is not [Differentiable]: what its body does that is not supported, or an argument it cannot stand for
        // (ref l of a List), is this method's error at the call (the message still names the construct).
        var declared = body.Syntax;
        for (int i = before; i < _context.Diagnostics.Count; i++)
        {
            if (_context.Diagnostics[i].Location is { } location && location.SourceTree is { } tree
                && (tree == declared.SyntaxTree && declared.Span.Contains(location.SourceSpan) || tree == call.Syntax.SyntaxTree && call.Syntax.Span.Contains(location.SourceSpan)))
            {
                _context.Diagnostics[i] = _context.Diagnostics[i] with { Location = call.Syntax.GetLocation() };
            }
        }
    }

    /// <summary>
    /// A Try-shaped plain helper called inside an expression (<c>if (TrySqrt(x, out var r))</c>, PlainTryHelpers): inlined
    /// as a local function returning a value with out parameters is, its out/ref arguments assigned as its body assigns
    /// them; what its body does that is not supported is one ADG0004 at the call. The value's node, or -1.
    /// </summary>
    private int InlinePlainTryHelper(IInvocationOperation call)
    {
        int before = _context.Diagnostics.Count;
        bool errorsBefore = _context.HasErrors;
        if (_expressions.PlainTryHelperBody(call) is not { } body) return -1;
        var method = call.TargetMethod.OriginalDefinition;
        var nodes = InlineCall(call, method, body, null, "the method '" + method.ContainingType.Name + "." + method.Name + "'");
        // An error state with no diagnostic of its own (a rejected local) stops the body too, as for any plain helper.
        bool lowered = nodes is { Length: 1 } && nodes[0] >= 0 && (errorsBefore || !_context.HasErrors);
        return _expressions.SettlePlainTryHelper(call, before, lowered) ? nodes![0] : -1;
    }
}
