using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>Recognises the denominator of σ(z) = 1 / (1 + exp(−z)), in either order of the sum.</summary>
internal static class SigmoidPattern
{
    public static bool TryMatch(IOperation denominator, out IOperation z)
    {
        z = null!;
        if (Unwrap(denominator) is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, OperatorMethod: null } sum) return false;
        var exp = IsOne(sum.LeftOperand) ? sum.RightOperand : IsOne(sum.RightOperand) ? sum.LeftOperand : null;
        if (exp is null || Unwrap(exp) is not IInvocationOperation call) return false;
        // double.Exp too: the generic-math spelling (and what a generic method's T.Exp reads as over double).
        if (!MathFunctions.IsMathLike(call.TargetMethod) || call.TargetMethod.Name != "Exp" || call.Arguments.Length != 1) return false;
        // The argument must be −z with the same type as the sum, so that the collapsed gate means the same.
        if (Unwrap(call.Arguments[0].Value) is not IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus, OperatorMethod: null } negation) return false;
        if (!SymbolEqualityComparer.Default.Equals(negation.Type, sum.Type)) return false;
        z = negation.Operand;
        return true;
    }

    private static IOperation Unwrap(IOperation op) =>
        op is IConversionOperation { IsImplicit: true } c && SymbolEqualityComparer.Default.Equals(c.Type, c.Operand.Type) ? c.Operand : op;

    private static bool IsOne(IOperation op) => op.ConstantValue is { HasValue: true, Value: 1.0 or 1f };
}
