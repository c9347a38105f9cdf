using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A call to a small static [Differentiable] method of the caller's own type is inlined (issue 12): its body is lowered
/// in place, as a local function's is, so the caller's reverse sweep reads the callee's values from its own tape
/// instead of calling the callee's Backward, which would run the callee's forward sweep again (and, nested, its
/// callees' too: once per level). Only where nothing can differ from the call: non-generic, by-value parameters
/// without [NoDiff], a scalar result, a body of at most <see cref="MaxOperations"/> operations, not the caller nor a
/// callee being inlined (recursion keeps its call). Whatever the body does is lowered as in any method; when an attempt
/// that inlined reports anything, MethodAnalyzer lowers the method again with calls, so inlining never adds a diagnostic.
/// Every mode inlines (the graph is shared: MForward and MHessianVector differentiate the inlined nodes as any others).
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>Larger bodies keep their call: inlined at every call site, they would grow the generated code.</summary>
    private const int MaxOperations = 120;

    /// <summary>The inlined call's value; -2 when the call is not inlined.</summary>
    private int InlineCallee(IMethodSymbol method, IOperation[] arguments, IOperation? instance, IOperation at, string? userName)
    {
        if (!_context.InlineCallees || instance is not null) return -2;
        // (Hessian mode also inlines a callee taking a struct of reals, which its product cannot call: ExpressionLowering.HessianInlining.)
        if ((InlinedCalleeBody(method) ?? (method.ReturnType.SpecialType is SpecialType.System_Double or SpecialType.System_Single ? HessianInlinedBody(method) : null)) is not { } body) return -2;
        if (!ClassArgumentsInlinable(method, arguments)) return -2;
        var structArrays = StructArrayArguments.Bindable(method, arguments, body.Block ?? body.Returned!, _context);
        if (structArrays is null) return -2;
        var bound = BindArguments(method, arguments);
        if (bound is null) return Placeholder(at);
        // F(t, t) binds both parameters to one node: a comparison of them is kept from reading 't > t' (CS1718) where it is
        // rendered, ConstantRenderer.SelfCompared, as for local functions, lambdas and plain helpers.
        return WhileInlining(method, at, () =>
        {
            Bind(bound);
            StructArrayArguments.Bind(structArrays, body.Block ?? body.Returned!, _context);
            return LowerInlined(body, at) is { Length: 1 } nodes && nodes[0] >= 0 ? Named(nodes[0], userName, at) : Placeholder(at);
        });
    }

    /// <summary>
    /// Runs <paramref name="lower"/> with <paramref name="method"/> marked as being inlined at <paramref name="at"/> (so a
    /// call of it inside its own body keeps its call) and counted, for MethodAnalyzer's retry with calls.
    /// </summary>
    private T WhileInlining<T>(IMethodSymbol method, IOperation at, System.Func<T> lower)
    {
        _context.InliningCallees.Add(method);
        _context.InlinedCalls++;
        int calleesBefore = _context.Callees.Count;
        try
        {
            return lower();
        }
        finally
        {
            _context.InliningCallees.RemoveAt(_context.InliningCallees.Count - 1);
            // A call made inside the inlined body is this method's call: a callee without a Backward (ADG0017) is
            // reported here, at the inlined call, not inside the callee's body (where this method would have no error).
            for (int i = calleesBefore; i < _context.Callees.Count; i++) _context.Callees[i] = (_context.Callees[i].Call, at.Syntax);
        }
    }

    /// <summary>The callee's body when the call may be inlined, else null.</summary>
    private InlinedBody? InlinedCalleeBody(IMethodSymbol method)
    {
        if (!IsInlinableCallee(method) || !SymbolEqualityComparer.Default.Equals(method.ContainingType, _caller.ContainingType)) return null;
        // Forward and Hessian mode inline only the callees they could call (Forward = true / Hessian = true): whether a
        // call is supported never depends on the callee's size.
        // A method whose Hessian is second-order forward mode has no calls (HessianCalls): none is inlined there either.
        if (_context.Forward && !ForwardCalls.IsForward(method) || _context.Hessian && (!HessianMode.IsHessian(method) || _context.HessianProductBlocked.Length > 0)) return null;
        if (method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)) return null;
        if (method.Parameters.Any(p => p.RefKind != RefKind.None || p.IsParams || p.IsOptional || ValueKinds.IsNoDiff(p)
            || !(p.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single || PiecewiseConstant.IsDiscrete(p.Type) || ValueKinds.IsStructCollection(p.Type)))) return null;
        return SmallCalleeBody(method, MaxOperations) is { } block ? InlinedBody.Of(block, method, "A call to '" + method.ContainingType.Name + "." + method.Name + "'") : null;
    }

    /// <summary>
    /// The shape every inlined [Differentiable] callee has (small callees here, Hessian mode's struct callees in
    /// HessianInlining): static, ordinary, not generic nor in a generic type, not the caller, not already being inlined.
    /// </summary>
    private bool IsInlinableCallee(IMethodSymbol method) =>
        method.IsStatic && method.MethodKind == MethodKind.Ordinary && !method.IsGenericMethod && !method.IsExtern && !method.IsAbstract
        && method.ContainingType is { IsGenericType: false }
        && !SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, _caller.OriginalDefinition)
        && !_context.InliningCallees.Any(m => SymbolEqualityComparer.Default.Equals(m, method))
        && DerivativeResolver.IsDifferentiable(method);

    /// <summary>The callee's body when it is in source, no declaration rule applies to it and it has at most <paramref name="maxOperations"/> operations.</summary>
    private IBlockOperation? SmallCalleeBody(IMethodSymbol method, int maxOperations) =>
        CalleeBodies.Find(method, _compilation) is { } found && !DeclarationRules.AnyApplies(method, found.Syntax)
        && (found.Body.ExpressionBody ?? found.Body.BlockBody) is { } block && !block.Descendants().Skip(maxOperations).Any()
            ? block
            : null;
}
