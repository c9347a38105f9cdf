using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Hessian mode's calls that the forward-over-reverse product cannot make (hess14, issue 14): a [Differentiable] callee
/// taking a struct of reals (<c>InHessian(in P2 p, double w)</c>, <c>Len(Vector2 v)</c>) or returning a tuple or struct of
/// reals. Its <c>MBackwardTangent</c> would need a struct tangent in and struct adjoint tangents out, or a seed and a seed
/// tangent per component (HessianCalls refuses both at the call), so its body is inlined instead, as a small callee's is
/// (<see cref="InlineCallee"/>): its struct parameters bound member by member, its values, tangents and adjoints'
/// tangents the caller's own. The body is the callee's own [Differentiable] body, so the derivative is the one its
/// Backward computes. Whatever the inlined body reports makes MethodAnalyzer lower the method again with calls (the
/// retry of <see cref="InlineCallee"/>), where HessianCalls' ADG0019 at the call stands: inlining never adds a diagnostic.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>
    /// The body of <paramref name="method"/> when a Hessian-mode call to it is inlined for a struct it takes or a tuple or
    /// struct it returns; null otherwise (the call is lowered as a call).
    /// </summary>
    private InlinedBody? HessianInlinedBody(IMethodSymbol method)
    {
        if (!_context.InlineCallees || !_context.Hessian || _context.HessianProductBlocked.Length > 0) return null;
        if (!IsInlinableCallee(method)) return null;
        bool structResult = RealStructs.ResultComponents(method.ReturnType) is not null && !method.ReturnsByRef && !method.ReturnsByRefReadonly;
        if (!(method.ReturnType.SpecialType is SpecialType.System_Double or SpecialType.System_Single || structResult)) return null;
        // A double[,] it reads (hess20): its MBackwardTangent takes no matrix tangents, so the body is inlined with the
        // matrix (and any double[] beside it) bound to the caller's array, read as m[i, j] there as a plain helper's is.
        bool grid = method.Parameters.Any(p => PlainHelpers.IsRealGrid(p.Type));
        if (!structResult && !grid && !method.Parameters.Any(p => PlainHelpers.IsStruct(p) || ClassInputParameter(p))) return null;
        // By value or in, not [NoDiff] (the body would differentiate what the callee's Backward treats as a constant),
        // no defaults or params (the arguments the binder gives are the call's own).
        if (method.Parameters.Any(p => !(p.RefKind == RefKind.None || PlainHelpers.IsReadOnlyReference(p)) || p.IsParams || p.IsOptional || ValueKinds.IsNoDiff(p)
            || !(PiecewiseConstant.IsReal(p.Type) || PiecewiseConstant.IsDiscrete(p.Type) || PlainHelpers.IsStruct(p) || ClassInputParameter(p)
                 || grid && p.RefKind == RefKind.None && IsRealArray(p.Type)))) return null;
        if (SmallCalleeBody(method, PlainHelpers.MaxOperations) is not { } block) return null;
        // A callee of another type may read its own private members, which the caller's generated code cannot name.
        if (PlainHelpers.InaccessibleIn(block, _caller.ContainingType, _compilation) is not null || PlainHelpers.WriteIn(method, block) is not null) return null;
        return InlinedBody.Of(block, method, "A call to '" + method.ContainingType.Name + "." + method.Name + "'");
    }

    /// <summary>
    /// The body of a void [Differentiable] callee that writes a <c>double[,]</c> (hess20) or a <c>double[]</c> (hess21; or float) it is
    /// passed, called from a Hessian-mode method: its <c>MBackwardTangent</c> would need the array's tangents and adjoint tangents in/out
    /// and a seed it does not have (no result), so the statement is inlined as a plain array writer's is
    /// (StatementLowering.PlainRefHelpers): its array parameters stand for the caller's arrays, whose stores become the
    /// caller's. Its parameters are reals, discrete values and arrays of reals by value, not [NoDiff]; null otherwise.
    /// </summary>
    private IBlockOperation? HessianInlinedWriter(IMethodSymbol method)
    {
        if (!_context.InlineCallees || !_context.Hessian || _context.HessianProductBlocked.Length > 0 || !method.ReturnsVoid || !IsInlinableCallee(method)) return null;
        if (method.Parameters.Any(p => p.RefKind != RefKind.None || p.IsParams || p.IsOptional || ValueKinds.IsNoDiff(p)
            || !(PiecewiseConstant.IsReal(p.Type) || PiecewiseConstant.IsDiscrete(p.Type) || IsRealArray(p.Type)))) return null;
        // A double[] it writes (hess21) as a double[,] (hess20): neither has a result to seed the callee's MBackwardTangent with.
        if (!method.Parameters.Any(p => IsRealArray(p.Type) && _context.Writes?.Writes(method, p.Ordinal) == true)) return null;
        if (SmallCalleeBody(method, PlainHelpers.MaxOperations) is not { } block) return null;
        // A body that reads members the caller cannot name keeps the call (and its ADG0019).
        if (PlainHelpers.InaccessibleIn(block, _caller.ContainingType, _compilation) is not null) return null;
        return block;
    }

    /// <summary>
    /// The body of a [Differentiable] callee returning a double (float) that writes a <c>double[,]</c> (<c>float[,]</c>) it is
    /// passed (<c>double u = Scale9(g, k) * g[0, 1];</c>), called from a Hessian-mode method (hess23, issue 14): its
    /// <c>MBackwardTangent</c> takes written one-dimensional arrays only (hess12), so the call is inlined where it stands, as a
    /// Try-shaped helper writing an array is (StatementLowering.Embedded): its array parameters stand for the caller's arrays,
    /// whose stores are the caller's, and its value is the call's. The parameters as <see cref="HessianInlinedWriter"/>'s; a
    /// call evaluated only on some paths of an expression keeps the call (and its ADG0019); null otherwise.
    /// </summary>
    public IBlockOperation? HessianInlinedValueWriter(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (!_context.InlineCallees || !_context.Hessian || _context.HessianProductBlocked.Length > 0 || call.Instance is not null || method.ReturnsVoid
            || method.ReturnsByRef || method.ReturnsByRefReadonly || method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single) || !IsInlinableCallee(method)) return null;
        if (method.Parameters.Any(p => p.RefKind != RefKind.None || p.IsParams || p.IsOptional || ValueKinds.IsNoDiff(p)
            || !(PiecewiseConstant.IsReal(p.Type) || PiecewiseConstant.IsDiscrete(p.Type) || IsRealArray(p.Type)))) return null;
        if (!method.Parameters.Any(p => PlainHelpers.IsRealGrid(p.Type) && _context.Writes?.Writes(method, p.Ordinal) == true)) return null;
        if (EmbeddedEffects.Conditionally(call) is not null) return null;
        if (SmallCalleeBody(method, PlainHelpers.MaxOperations) is not { } block) return null;
        if (PlainHelpers.InaccessibleIn(block, _caller.ContainingType, _compilation) is not null) return null;
        return block;
    }

    /// <summary>A <c>double[,]</c>/<c>float[,]</c> or a one-dimensional array of reals: the arrays an inlined Hessian callee may take (hess20).</summary>
    private static bool IsRealArray(ITypeSymbol type) => PlainHelpers.IsRealGrid(type) || type is IArrayTypeSymbol { Rank: 1 } && PlainHelpers.IsRealSequence(type);

    /// <summary>
    /// A callee's <c>[WithRespectTo]</c> parameter of a class this method carries as its own class input's components
    /// (idioms19): the product cannot pass a class's tangents to a callee, so its body is inlined, the parameter bound to
    /// the caller's components (<see cref="ClassArgumentsInlinable"/> says which arguments may be).
    /// </summary>
    private static bool ClassInputParameter(IParameterSymbol p) => ClassParameters.IsClassInput(p) && ValueClasses.IsInput(p.Type);

    /// <summary>
    /// Each argument for a <see cref="ClassInputParameter"/> is one of this method's own class inputs, as it received it
    /// (the object whose gradient the callee's Backward would add into the caller's dP); any other object keeps the call,
    /// where ClassArguments reports it.
    /// </summary>
    private bool ClassArgumentsInlinable(IMethodSymbol method, IOperation?[] arguments)
    {
        for (int i = 0; i < method.Parameters.Length && i < arguments.Length; i++)
        {
            if (!ClassInputParameter(method.Parameters[i])) continue;
            var value = arguments[i];
            while (value is IConversionOperation { IsImplicit: true } conversion) value = conversion.Operand;
            if (value is not IParameterReferenceOperation { Parameter: var own } || !_context.ClassInputs.ContainsKey(own)) return false;
        }
        return true;
    }

    /// <summary>
    /// A Hessian-mode call returning a tuple or struct of reals (<see cref="StructCall"/>), inlined: one node per component;
    /// null when it is not inlined, an empty array after a diagnostic (which makes MethodAnalyzer lower the method again with calls).
    /// </summary>
    private int[]? InlineHessianStructCall(IInvocationOperation invocation, int count)
    {
        var method = invocation.TargetMethod;
        if (invocation.Instance is not null || HessianInlinedBody(method) is not { } body) return null;
        var arguments = new IOperation[method.Parameters.Length];
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is null) return null;
            arguments[argument.Parameter.Ordinal] = argument.Value;
        }
        if (!ClassArgumentsInlinable(method, arguments)) return null;
        var bound = BindArguments(method, arguments);
        if (bound is null) return System.Array.Empty<int>();
        int diagnosticsBefore = _context.Diagnostics.Count;
        var parts = WhileInlining(method, invocation, () =>
        {
            Bind(bound);
            return LowerInlined(body, invocation);
        });
        if (parts is not null && parts.Length == count && parts.All(n => n >= 0)) return parts;
        // Never a silent stop: a diagnostic makes MethodAnalyzer lower the method again with calls (ADG0019 at this one).
        if (_context.Diagnostics.Count == diagnosticsBefore) _context.ReportUnsupportedExpression(invocation, "A call to '" + method.ContainingType.Name + "." + method.Name + "' inlined for Hessian mode");
        return System.Array.Empty<int>();
    }
}
