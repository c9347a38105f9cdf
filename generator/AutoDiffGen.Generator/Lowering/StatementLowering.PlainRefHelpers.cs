using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: a plain void helper leaving its results in ref/out arguments (<c>Next(ref k, n);</c>,
/// <c>b.Scale(input, out res);</c>, ExpressionLowering.PlainRefHelpers), inlined as a local function is.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <param name="call">The call.</param>
    /// <param name="body">The helper's body.</param>
    /// <param name="read">A generic helper read over its type argument (ExpressionLowering.GenericRefHelpers), whose body this is; else the call's method.</param>
    private void InlinePlainRefHelper(IInvocationOperation call, IBlockOperation body, IMethodSymbol? read = null)
    {
        var method = read ?? call.TargetMethod;
        // A reading's symbols are of its own compilation: what the caller's type can access is judged on the helper's source.
        if (!_expressions.NoDiffRefArgumentsInactive(call) || !_expressions.PlainRefHelperAccessible(call, read is null ? body : _expressions.SourceBody(call.TargetMethod.OriginalDefinition) ?? body)) return;
        int before = _context.Diagnostics.Count;
        // A [Differentiable] writer inlined for Hessian mode (hess20): counted, so that whatever its body reports makes
        // MethodAnalyzer lower the method again with the call (ADG0019 there), and kept from inlining itself again.
        bool differentiable = Derivatives.DerivativeResolver.IsDifferentiable(method);
        if (differentiable)
        {
            _context.InliningCallees.Add(method);
            _context.InlinedCalls++;
        }
        try
        {
            if (InlineCall(call, method, body, null, "the method '" + method.ContainingType.Name + "." + method.Name + "'") is null) RejectOutArguments(call);
            else Cut(call, -1);
        }
        finally
        {
            if (differentiable) _context.InliningCallees.RemoveAt(_context.InliningCallees.Count - 1);
        }
        // The helper is not [Differentiable]: what its body does that is not supported, or an argument it cannot stand for
        // (ref l of a List), is this method's error at the call (the message still names the construct).
        var declared = body.Syntax;
        for (int i = before; i < _context.Diagnostics.Count; i++)
        {
            if (_context.Diagnostics[i].Location is { } location && location.SourceTree is { } tree
                && (tree == declared.SyntaxTree && declared.Span.Contains(location.SourceSpan) || tree == call.Syntax.SyntaxTree && call.Syntax.Span.Contains(location.SourceSpan))
                // A span argument that is no view stays at the argument (ExpressionLowering.SpanParameters): that is what to change.
                && !call.Arguments.Any(a => a.Parameter is { } p && ExpressionLowering.IsViewParameter(p) && a.Value.Syntax.Span == location.SourceSpan))
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
        if (_expressions.PlainTryHelperBody(call) is not { } body)
        {
            RejectOutArguments(call);
            return -1;
        }
        var method = call.TargetMethod.OriginalDefinition;
        var nodes = InlineCall(call, method, body, null, "the method '" + method.ContainingType.Name + "." + method.Name + "'");
        // An error state with no diagnostic of its own (a rejected local) stops the body too, as for any plain helper.
        bool lowered = nodes is { Length: 1 } && nodes[0] >= 0 && (errorsBefore || !_context.HasErrors);
        if (_expressions.SettlePlainTryHelper(call, before, lowered)) return Cut(call, nodes![0]);
        RejectOutArguments(call);
        return -1;
    }

    /// <summary>
    /// After an inlined [NoDiff] method with ref/out parameters (PlainTryHelpers.IsNoDiffWithRefs): its value and what it
    /// left in its ref/out arguments are constants, read from the inlined nodes, so no adjoint or tangent flows back into
    /// what it read (the stop-gradient the user asked for). Any other call's value is returned as it is.
    /// </summary>
    private int Cut(IInvocationOperation call, int value)
    {
        if (!PlainTryHelpers.IsNoDiffWithRefs(call.TargetMethod)) return value;
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter?.RefKind is not (RefKind.Ref or RefKind.Out) || RefArgument(argument.Value) is not { } target) continue;
            foreach (var each in _context.ExpandStructs(target))
            {
                int node = _context.Current(each);
                if (node >= 0) _context.Assign(each, Constant(node));
            }
        }
        return value < 0 ? value : Constant(value);
    }

    /// <summary>The node itself when it carries no gradient, else a constant that reads it.</summary>
    private int Constant(int node)
    {
        var n = _context.Nodes[node];
        return n.Varied ? _context.AddConstant(n.Name, n.Type, n.TypeName, null, isAtom: false, new[] { node }) : node;
    }

    /// <summary>
    /// After a call that was refused (its one error at the call), the locals it was to assign through out/ref arguments
    /// and that hold no value report nothing more where they are read: one refusal, not a trail of "read before it is
    /// assigned" after it (idioms13b).
    /// </summary>
    private void RejectOutArguments(IInvocationOperation call)
    {
        foreach (var argument in call.Arguments)
        {
            var value = argument.Value is IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } ? declared : argument.Value;
            if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out && value is ILocalReferenceOperation { Local: var local } && _context.Current(local) < 0) _context.Reject(local);
        }
    }
}
