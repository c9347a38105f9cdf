using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A plain (not [Differentiable]) void helper of the user's that leaves its results in <c>ref</c>/<c>out</c> arguments,
/// called as a statement: <c>Next(ref k, n);</c> (an int index moved), <c>b.Scale(input, out res);</c> (a struct's
/// method setting an out real from its members). Its body is the caller's code, inlined as a local function's is
/// (StatementLowering.LocalFunctions): each ref/out parameter stands for the caller's variable, so an int it moves is a
/// new version of that int (on the tape where a loop overwrites it) and a real it sets is differentiated like any
/// assignment. A struct method's receiver is the caller's struct value, read only: a body that writes anything but its
/// own locals and ref/out parameters is reported at the call, as a local function's is.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The helper's body when <paramref name="call"/> is such a call, else null.</summary>
    public IBlockOperation? PlainRefHelperBody(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        if (method.MethodKind != MethodKind.Ordinary || !method.ReturnsVoid || method.IsGenericMethod || method.IsExtern || method.IsAbstract || method.IsVirtual || method.IsOverride) return null;
        // Hessian mode (hess20): a void [Differentiable] callee writing a double[,] it is passed has no MBackwardTangent, so
        // its body is inlined here as a plain array writer's is (ExpressionLowering.HessianInlining).
        if (HessianInlinedWriter(method) is { } writer) return writer;
        if (!PlainHelpers.IsUnmarked(method) && !PlainTryHelpers.IsNoDiffWithRefs(method) || method.Parameters.Any(p => p.IsParams)) return null;
        // AddScaled(acc, v, s): a static helper writing into an array it is passed (idioms13b), its parameters reals,
        // discrete values and arrays of reals by value; its array parameters stand for the caller's arrays.
        if (!method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out))
        {
            if (!PlainHelpers.HasArrayWriterShape(method) || !method.Parameters.Any(p => _context.Writes?.InlinedWrites(method, p.Ordinal) == true)) return null;
        }
        // An instance helper is a struct of reals' own method called on a struct value of that type (its receiver bound as
        // a struct method's is); a class object's method writes state the generator does not follow.
        if (!method.IsStatic && (call.Instance is not { } instance || instance is IInstanceReferenceOperation || !RealStructs.IsBoundaryStruct(method.ContainingType)
            || RealStructs.IsNumericsVector(method.ContainingType) || RealStructs.IsComplex(method.ContainingType) || !SymbolEqualityComparer.Default.Equals(method.ContainingType, instance.Type))) return null;
        return CalleeBodies.Find(method, _compilation) is { } found ? found.Body.BlockBody ?? found.Body.ExpressionBody : null;
    }

    /// <summary>
    /// False, after ADG0004 at the call, when a plain void helper's body names a member the caller's type cannot access
    /// (its inlined text would not compile there, CS0122): a private static field or helper of another class.
    /// </summary>
    public bool PlainRefHelperAccessible(IInvocationOperation call, IOperation body)
    {
        if (call.TargetMethod.MethodKind != MethodKind.Ordinary || !call.TargetMethod.IsStatic || PlainHelpers.InaccessibleIn(body, _caller.ContainingType, _compilation) is not { } hidden) return true;
        RefusePlainHelper(call.TargetMethod.OriginalDefinition, call, hidden);
        return false;
    }

    /// <summary>
    /// Runs <paramref name="inline"/> with <c>this</c> bound to a plain helper's struct receiver (read only); just runs it for a
    /// static helper, a local function or a lambda local (whose receiver is the delegate, not a struct).
    /// </summary>
    public int[]? WithHelperReceiver(IInvocationOperation call, System.Func<int[]?> inline)
    {
        if (call.TargetMethod.MethodKind != MethodKind.Ordinary || call.TargetMethod.IsStatic || call.Instance is not { } instance) return inline();
        var (ok, nodes) = WithReceiver(instance, call.TargetMethod, call, inline);
        return ok ? nodes : null;
    }

    /// <summary>
    /// The body of a Try-shaped plain helper (<see cref="PlainTryHelpers"/>) called here, after the checks a plain helper's
    /// inlining makes before its body is lowered (a [DerivativeOf] for it, a write to anything but its own locals and
    /// ref/out parameters, a member the caller's type cannot access): null, with ADG0004 at the call, when one refuses.
    /// </summary>
    public IBlockOperation? PlainTryHelperBody(IInvocationOperation call)
    {
        var method = call.TargetMethod.OriginalDefinition;
        // [NoDiff] Count(ref k, x): a ref argument carrying a gradient into it is ADG0016 there, as for any [NoDiff] call.
        if (!NoDiffRefArgumentsInactive(call)) return null;
        if (DerivativeResolver.HasDerivativeOf(method, _caller, _compilation))
        {
            RefusePlainHelper(method, call, "it has a [DerivativeOf] whose form for ref/out parameters is not supported");
            return null;
        }
        if (CalleeBodies.Find(method, _compilation) is not { } found || (found.Body.BlockBody ?? found.Body.ExpressionBody) is not { } body)
        {
            RefusePlainHelper(method, call, "its body is not in this compilation");
            return null;
        }
        // A [NoDiff] one's writes into an array would not be cut as its ref/out results are: refused as before.
        string? why = PlainHelpers.WriteIn(method, body, arrayParameters: PlainHelpers.IsUnmarked(method)) is { } write ? "it " + write + " (a helper differentiated in place may write only its own locals, its ref/out parameters and the elements of its array parameters)"
            : PlainHelpers.InaccessibleIn(body, _caller.ContainingType, _compilation);
        if (why is null) return body;
        RefusePlainHelper(method, call, why);
        return null;
    }

    /// <summary>
    /// False, after ADG0016 at the argument, when a call to a [NoDiff] method with ref/out parameters passes one an argument
    /// that carries a gradient (its gradient would be lost); true for any other call (PlainTryHelpers.IsNoDiffWithRefs).
    /// </summary>
    public bool NoDiffRefArgumentsInactive(IInvocationOperation call) =>
        !PlainTryHelpers.IsNoDiffWithRefs(call.TargetMethod) || new GradientLeaks(_context).Call(call);

    /// <summary>
    /// What lowering a Try-shaped helper's body reported becomes the call's, as for any plain helper (<see cref="Settle"/>):
    /// an error is one ADG0004 at the call. True when the call's value stands.
    /// </summary>
    public bool SettlePlainTryHelper(IInvocationOperation call, int diagnosticsBefore, bool lowered) =>
        SettledOk(call.TargetMethod.OriginalDefinition, call, diagnosticsBefore, lowered);
}
