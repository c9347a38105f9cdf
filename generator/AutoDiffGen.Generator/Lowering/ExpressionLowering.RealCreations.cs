using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>double.CreateChecked(v)</c>, <c>float.CreateChecked(v)</c> (and <c>CreateTruncating</c>) of a real that carries a
/// gradient (issue 13, idioms17c): between the floating-point types these are the cast C# writes, <c>(double)v</c>, whose
/// derivative is 1 (a rounding to float aside, as the cast's). The generic-math interfaces make them the conversion a
/// numerics library writes instead of a cast. Any other source or target type (<c>int.CreateChecked(x)</c>, a decimal)
/// has no derivative: it keeps the diagnostic it had, never a constant.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The converted value, or -2 when <paramref name="invocation"/> is no such conversion of a real.</summary>
    private int LowerRealCreation(IInvocationOperation invocation, string? userName)
    {
        if (!IsRealCreation(invocation.TargetMethod) || invocation.Arguments.Length != 1) return -2;
        var operand = invocation.Arguments[0].Value;
        while (operand is IConversionOperation { IsImplicit: true } boxed && SymbolEqualityComparer.Default.Equals(boxed.Type, invocation.TargetMethod.Parameters[0].Type)) operand = boxed.Operand;
        var from = TypeOf(operand);
        var to = TypeOf(invocation);
        if (from is not (ScalarType.Double or ScalarType.Float) || to is not (ScalarType.Double or ScalarType.Float)) return -2;
        int value = Lower(operand, from == to ? userName : null);
        if (value < 0) return value;
        return from == to ? value : _context.AddGate(GateKind.Convert, to, userName, value);
    }

    /// <summary><c>double.CreateChecked&lt;TOther&gt;</c>, <c>float.CreateTruncating&lt;TOther&gt;</c>… with TOther double or float.</summary>
    internal static bool IsRealCreation(IMethodSymbol method) =>
        method is { IsStatic: true, IsGenericMethod: true, Name: "CreateChecked" or "CreateTruncating", Parameters.Length: 1 }
        && method.ContainingType.SpecialType is SpecialType.System_Double or SpecialType.System_Single
        && method.TypeArguments[0].SpecialType is SpecialType.System_Double or SpecialType.System_Single;
}
