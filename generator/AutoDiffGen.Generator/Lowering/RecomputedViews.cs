using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Constant values that cannot go on a tape (a span, an array) but are cheap and free of effects to compute again: a
/// <c>[NoDiff]</c> array or span parameter as it is, converted to a span, or sliced by integer expressions
/// (<c>feats.AsSpan(i * 2, 2)</c>, <c>span.Slice(s, n)</c>), or an array member of a constant parameter object
/// (<see cref="ConstantMembers"/>). Such a value is inline text (its own dependencies, such as
/// <c>i</c>, are taped), so the reverse sweep of a loop computes it again where a callee's Backward needs it: tapes hold
/// only scalars. Anything else of such a type computed inside a loop and needed there is ADG0003 at the call
/// (<see cref="IsTapeable"/>).
/// </summary>
internal static class RecomputedViews
{
    /// <summary>The value types the tapes hold (MethodAnalyzer's list).</summary>
    public static bool IsTapeable(string typeName) => typeName is "double" or "float" or "int" or "bool" or "long";

    /// <summary>
    /// A parameter, or a conversion or slice of one by integer expressions free of effects, whose elements are not
    /// stored into later (<paramref name="storedLater"/>): computed again, it holds what it held. A local array is left
    /// out: it is a new array, or one whose stores would show.
    /// </summary>
    public static bool IsView(IOperation op, System.Func<IOperation, bool> storedLater)
    {
        switch (op)
        {
            // T[] → ReadOnlySpan<T> and Span<T> → ReadOnlySpan<T> are the spans' own implicit operators.
            case IConversionOperation { IsImplicit: true } conversion when IsArrayOrSpan(conversion.Operand.Type) && IsArrayOrSpan(conversion.Type)
                && (conversion.OperatorMethod is null || IsArrayOrSpan(conversion.OperatorMethod.ContainingType)):
                return IsView(conversion.Operand, storedLater);
            case IParameterReferenceOperation { Parameter.RefKind: RefKind.None }:
                return IsArrayOrSpan(op.Type) && !storedLater(op);
            // model.Weights, data.Model.BasePositions: an array member of a parameter object the method cannot change.
            case IFieldReferenceOperation or IPropertyReferenceOperation when IsArrayOrSpan(op.Type) && ConstantMembers.IsOfUnchangedObject(op):
                return !storedLater(op);
            case IInvocationOperation call when IsSlice(call.TargetMethod):
                var receiver = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                if (receiver is null || !IsView(receiver, storedLater)) return false;
                foreach (var argument in call.Arguments)
                {
                    if (argument.Value != receiver && !IsPureInteger(argument.Value)) return false;
                }
                return true;
            default:
                return false;
        }
    }

    private static bool IsSlice(IMethodSymbol method) =>
        method.Name == "AsSpan" && method.ContainingType.ToDisplayString() == "System.MemoryExtensions" && AllInts(method, skip: 1) ||
        method.Name == "Slice" && method.ContainingType.Name is "Span" or "ReadOnlySpan" && method.ContainingNamespace.ToDisplayString() == "System" && AllInts(method, skip: 0);

    private static bool AllInts(IMethodSymbol method, int skip)
    {
        for (int i = skip; i < method.Parameters.Length; i++)
        {
            if (method.Parameters[i].Type.SpecialType != SpecialType.System_Int32) return false;
        }
        return true;
    }

    /// <summary>Integer arithmetic over literals, locals, parameters, constants and lengths: no calls, no assignments.</summary>
    private static bool IsPureInteger(IOperation op)
    {
        foreach (var d in op.DescendantsAndSelf())
        {
            bool pure = d switch
            {
                ILiteralOperation or IParenthesizedOperation => true,
                IBinaryOperation b => b.OperatorMethod is null,
                IUnaryOperation u => u.OperatorMethod is null,
                IConversionOperation c => c.OperatorMethod is null,
                ILocalReferenceOperation l => !l.Local.IsRef,
                IParameterReferenceOperation p => p.Parameter.RefKind == RefKind.None,
                IFieldReferenceOperation f => f.Field.IsConst || f.Field.IsStatic && f.Field.IsReadOnly,
                IPropertyReferenceOperation { Property.Name: "Length", Instance: { } instance } => IsArrayOrSpan(instance.Type),
                _ => d.ConstantValue.HasValue,
            };
            if (!pure) return false;
        }
        return true;
    }

    private static bool IsArrayOrSpan(ITypeSymbol? type) =>
        type is IArrayTypeSymbol { Rank: 1 } ||
        type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } named && named.ContainingNamespace.ToDisplayString() == "System";
}
