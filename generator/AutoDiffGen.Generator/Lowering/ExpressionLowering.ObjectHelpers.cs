using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A plain helper returning a new object of a value class, read by member in the caller (issue 13, idioms16a:
/// <c>Bessel_Asymptotic(n, x).FirstSolutionValue</c>): its body is inlined for the members of the object it returns, as a
/// helper returning a struct of reals is (structs14), and the caller carries the object as those members
/// (<see cref="ObjectHelpers"/> says why that is sound and when it is not).
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The members of the helper's new object; null when the call is to no such helper, empty after a diagnostic at the call.</summary>
    private int[]? InlinePlainObjectHelper(IInvocationOperation call)
    {
        var method = call.TargetMethod.OriginalDefinition;
        if (!ObjectHelpers.IsObjectCall(call) || !ValueClasses.IsCarried(call.Type) || DerivativeResolver.HasDerivativeOf(method, _caller, _compilation)) return null;
        if (PlainBody(method) is { } block && ObjectHelpers.Refusal(method, block) is { } why)
        {
            RefusePlainHelper(method, call, why);
            return System.Array.Empty<int>();
        }
        return InlinePlainParts(call);
    }

    /// <summary>
    /// A member read of what a plain helper returns, an object of a class that is not a value class (<c>H.M(x).A</c> with a
    /// setter of <c>A</c> written): the call's refusal, ADG0004 at the call saying why, instead of the member's.
    /// </summary>
    private int ObjectOfNoValueClass(IOperation member, IInvocationOperation call)
    {
        int before = _context.Diagnostics.Count;
        Lower(call, null);
        if (_context.Diagnostics.Count == before) _context.ReportUnsupportedExpression(member, null);
        return Placeholder(member);
    }
}
