using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Recognises the denominator of σ(z) = 1 / (1 + exp(−z)), in either order of the sum, and of 1 / (1 + exp(w)) for any
/// other w, which is σ(−w) (<c>negate</c>): the knock-out indicator of a barrier option, <c>1 / (1 + Math.Exp((s − B) / ε))</c>,
/// or <c>Math.Exp(-k * x)</c>, whose minus binds to k. Lowered as a reciprocal of a sum instead, its reverse sweep
/// multiplied −y² = −0 by exp(w) = ∞ where exp(w) overflows: NaN where the derivative is 0 (hunt13).
/// </summary>
internal static class SigmoidPattern
{
    public static bool TryMatch(IOperation denominator, out IOperation z, out bool negate)
    {
        z = null!;
        negate = false;
        if (Unwrap(denominator) is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, OperatorMethod: null } sum) return false;
        var exp = IsOne(sum.LeftOperand) ? sum.RightOperand : IsOne(sum.RightOperand) ? sum.LeftOperand : null;
        if (exp is null || Unwrap(exp) is not IInvocationOperation call) return false;
        // double.Exp too: the generic-math spelling (and what a generic method's T.Exp reads as over double).
        if (!MathFunctions.IsMathLike(call.TargetMethod) || call.TargetMethod.Name != "Exp" || call.Arguments.Length != 1) return false;
        // The argument must have the sum's type, so that the collapsed gate means the same.
        var argument = Unwrap(call.Arguments[0].Value);
        if (!SymbolEqualityComparer.Default.Equals(argument.Type, sum.Type)) return false;
        if (argument is IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus, OperatorMethod: null } negation)
        {
            z = negation.Operand;
            return true;
        }

        z = argument;
        negate = true;
        return true;
    }

    private static IOperation Unwrap(IOperation op) =>
        op is IConversionOperation { IsImplicit: true } c && SymbolEqualityComparer.Default.Equals(c.Type, c.Operand.Type) ? c.Operand : op;

    private static bool IsOne(IOperation op) => op.ConstantValue is { HasValue: true, Value: 1.0 or 1f };
}
