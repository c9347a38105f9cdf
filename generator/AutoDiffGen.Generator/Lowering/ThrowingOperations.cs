using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Whether a statement may throw although nothing reads its value: integer <c>/</c> and <c>%</c> by a value that may be
/// 0 or −1, checked integer arithmetic and conversions, decimal arithmetic, an element or indexer read, <c>.Value</c> of a
/// nullable, an unboxing or down cast, an array sized at run time, a call (but the <c>Math</c> functions that never
/// throw). Such a statement is kept (<see cref="LoweringContext.KeepThrowing"/>): the generated methods throw where the
/// method does (CONTRACT.md), instead of dropping it as dead code. Over-approximates: a kept statement that cannot
/// throw only costs its computation.
/// </summary>
internal static class ThrowingOperations
{
    /// <summary>The operations of <paramref name="statement"/> that may throw, outermost first.</summary>
    public static IReadOnlyList<IOperation> In(IOperation statement) => statement.DescendantsAndSelf().Where(Throws).ToList();

    // A compile-time constant (`(double)(decimal)0.5`) is computed by the compiler: it cannot throw, and kept unread it is CS0219.
    private static bool Throws(IOperation op) => !op.ConstantValue.HasValue && op switch
    {
        IBinaryOperation b => Arithmetic(b.OperatorKind, b.IsChecked, b.RightOperand, b.Type) || b.OperatorMethod is not null,
        ICompoundAssignmentOperation c => Arithmetic(c.OperatorKind, c.IsChecked, c.Value, c.Type) || c.OperatorMethod is not null
            || Converts(c.InConversion, c.IsChecked, c.Value.Type, c.Target.Type) || Converts(c.OutConversion, c.IsChecked, c.Target.Type, c.Target.Type),
        IIncrementOrDecrementOperation i => i.IsChecked && IsIntegral(i.Type) || i.OperatorMethod is not null,
        IUnaryOperation u => u.IsChecked && u.OperatorKind == UnaryOperatorKind.Minus && IsIntegral(u.Type) || IsDecimal(u.Type) || u.OperatorMethod is not null,
        IConversionOperation c => Converts(c.Conversion, c.IsChecked, c.Operand.Type, c.Type),
        IArrayElementReferenceOperation => true,
        IPropertyReferenceOperation p => p.Property.IsIndexer || p.Property.Name == "Value" && IsNullable(p.Property.ContainingType),
        // A method of the project whose body throws nothing (H.Compute(sq, out _, 2.0) computing y = sin(x)·z) is not kept.
        IInvocationOperation call => !NeverThrows(call.TargetMethod) && !(call.SemanticModel is { } model && CatchCallees.NeverThrows(call.TargetMethod, model.Compilation, outputs: true)),
        IArrayCreationOperation a => a.DimensionSizes.Any(d => !d.ConstantValue.HasValue),
        // A struct of reals is built as its components (its constructor inlined as member assignments): only its arguments may throw.
        IObjectCreationOperation o => o.Arguments.Length > 0 && o.Constructor is { } made && !NeverThrows(made) && !Derivatives.RealStructs.IsRealStruct(o.Type),
        _ => false,
    };

    private static bool Arithmetic(BinaryOperatorKind kind, bool isChecked, IOperation right, ITypeSymbol? type)
    {
        if (IsDecimal(type)) return kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder;
        if (!IsIntegral(type)) return false;
        if (kind is BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder)
        {
            // By a constant other than 0 and -1 (MinValue / -1 overflows), integer division cannot throw.
            return right.ConstantValue is not { HasValue: true, Value: { } v } || System.Convert.ToDecimal(v, System.Globalization.CultureInfo.InvariantCulture) is 0m or -1m;
        }
        return isChecked && kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply;
    }

    private static bool Converts(CommonConversion conversion, bool isChecked, ITypeSymbol? from, ITypeSymbol? to)
    {
        if (conversion.IsUserDefined) return true;
        if (conversion.IsIdentity || conversion.IsImplicit && !IsDecimal(to)) return false;
        if (conversion.IsNumeric) return isChecked || IsDecimal(from) || IsDecimal(to);
        // Unboxing (object to a value type), a nullable's value, a down cast.
        return from?.IsReferenceType == true && to?.IsValueType == true || conversion.IsNullable || conversion.IsReference;
    }

    private static bool NeverThrows(IMethodSymbol method)
    {
        var type = method.ContainingType;
        string ns = type?.ContainingNamespace?.ToDisplayString() ?? "";
        // Adding to or clearing a list, building a vector of reals: nothing to check.
        if (ns == "System.Collections.Generic" && type!.Name == "List" && method.Name is "Add" or "Clear" || ns == "System.Numerics" && method.MethodKind == MethodKind.Constructor) return true;
        if (ns != "System") return false;
        if (type!.SpecialType is SpecialType.System_Double or SpecialType.System_Single) return method.Name is "IsNaN" or "IsInfinity" or "IsFinite" or "IsNegative" or "IsPositiveInfinity" or "IsNegativeInfinity" or "IsNormal" or "IsSubnormal";
        if (type.Name is not ("Math" or "MathF")) return false;
        // Sign(NaN), Clamp(min > max), Round(x, digits), DivRem by 0 and Abs(int.MinValue) throw; Max, Min and the floating functions do not.
        if (method.Name is "Sign" or "Clamp" or "DivRem") return false;
        return method.Name is "Max" or "Min" || method.Parameters.All(p => p.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single);
    }

    private static bool IsIntegral(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32
        or SpecialType.System_UInt64 or SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Char;

    private static bool IsDecimal(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_Decimal;

    private static bool IsNullable(INamedTypeSymbol? type) => type?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T;
}
