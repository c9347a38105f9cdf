using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The value of an integer or bool expression when the generator can know it exactly: literals, constants, and the
/// int parameters of a recursive helper's level being unrolled (ExpressionLowering.RecursiveHelpers: <c>Pow(x, 3)</c>
/// binds n = 3, its call <c>Pow(x, n - 1)</c> n = 2, ...), through C#'s integer arithmetic and comparisons. Anything
/// it is not sure of (a real, a local, an overflow, a division by zero, a user's operator) is null: a condition that
/// is not folded is lowered as a branch of the graph, as ever, so folding only ever removes a branch that C# would not
/// take at run time.
/// </summary>
internal static class FoldedInts
{
    /// <summary>
    /// A <c>long</c> for an integral value, a <c>bool</c> for a bool one, or null when not known.
    /// </summary>
    /// <param name="op">The expression.</param>
    /// <param name="known">The value of a parameter, or null when it is not known.</param>
    public static object? Evaluate(IOperation op, Func<IParameterSymbol, object?> known)
    {
        object? value = Core(op, known);
        // Kept only where it is what C# holds in the expression's type (no wrap-around is guessed).
        return value switch
        {
            bool => op.Type?.SpecialType == SpecialType.System_Boolean ? value : null,
            long n => Fits(n, op.Type) ? value : null,
            _ => null,
        };
    }

    private static object? Core(IOperation op, Func<IParameterSymbol, object?> known)
    {
        if (op.ConstantValue is { HasValue: true, Value: var constant }) return FromConstant(constant);
        switch (op)
        {
            case IParameterReferenceOperation { Parameter: var p }:
                return known(p);
            case IConversionOperation { OperatorMethod: null } conversion when IsIntegral(conversion.Type) && IsIntegral(conversion.Operand.Type):
                return Evaluate(conversion.Operand, known);
            case IUnaryOperation { OperatorMethod: null } unary:
                return Evaluate(unary.Operand, known) switch
                {
                    bool b when unary.OperatorKind == UnaryOperatorKind.Not => !b,
                    long n when unary.OperatorKind == UnaryOperatorKind.Minus && n != long.MinValue => -n,
                    long n when unary.OperatorKind == UnaryOperatorKind.Plus => n,
                    _ => null,
                };
            case IBinaryOperation { OperatorMethod: null } binary:
                return Binary(binary, known);
            default:
                return null;
        }
    }

    private static object? Binary(IBinaryOperation binary, Func<IParameterSymbol, object?> known)
    {
        var left = Evaluate(binary.LeftOperand, known);
        // && and || decide on their left operand alone where C# does (the right one is not evaluated there).
        if (binary.OperatorKind == BinaryOperatorKind.ConditionalAnd && left is false) return false;
        if (binary.OperatorKind == BinaryOperatorKind.ConditionalOr && left is true) return true;
        var right = Evaluate(binary.RightOperand, known);
        if (left is bool p && right is bool q)
        {
            return binary.OperatorKind switch
            {
                BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And => p && q,
                BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or => p || q,
                BinaryOperatorKind.ExclusiveOr or BinaryOperatorKind.NotEquals => p != q,
                BinaryOperatorKind.Equals => p == q,
                _ => null,
            };
        }
        if (left is not long a || right is not long b) return null;
        // Both operands are integers of C#'s own arithmetic (an unsigned one compared with a signed one is not folded).
        if (IsUnsigned(binary.LeftOperand.Type) != IsUnsigned(binary.RightOperand.Type)) return null;
        try
        {
            return binary.OperatorKind switch
            {
                BinaryOperatorKind.Add => checked(a + b),
                BinaryOperatorKind.Subtract => checked(a - b),
                BinaryOperatorKind.Multiply => checked(a * b),
                BinaryOperatorKind.Divide when b != 0 && !(a == long.MinValue && b == -1) => a / b,
                BinaryOperatorKind.Remainder when b != 0 && b != -1 => a % b,
                BinaryOperatorKind.Equals => a == b,
                BinaryOperatorKind.NotEquals => a != b,
                BinaryOperatorKind.LessThan => a < b,
                BinaryOperatorKind.LessThanOrEqual => a <= b,
                BinaryOperatorKind.GreaterThan => a > b,
                BinaryOperatorKind.GreaterThanOrEqual => a >= b,
                _ => null,
            };
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    private static object? FromConstant(object? constant) => constant switch
    {
        bool b => b,
        int i => (long)i,
        long l => l,
        short s => (long)s,
        sbyte s => (long)s,
        byte b => (long)b,
        ushort u => (long)u,
        uint u => (long)u,
        _ => null,
    };

    private static bool Fits(long n, ITypeSymbol? type) => type?.SpecialType switch
    {
        SpecialType.System_Int32 => n is >= int.MinValue and <= int.MaxValue,
        SpecialType.System_Int64 => true,
        SpecialType.System_Int16 => n is >= short.MinValue and <= short.MaxValue,
        SpecialType.System_SByte => n is >= sbyte.MinValue and <= sbyte.MaxValue,
        SpecialType.System_Byte => n is >= 0 and <= byte.MaxValue,
        SpecialType.System_UInt16 => n is >= 0 and <= ushort.MaxValue,
        SpecialType.System_UInt32 => n is >= 0 and <= uint.MaxValue,
        _ => false,
    };

    /// <summary>An integer type whose every value a <c>long</c> holds (<c>ulong</c> and <c>char</c> are left out).</summary>
    public static bool IsIntegral(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Int16
        or SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32;

    private static bool IsUnsigned(ITypeSymbol? type) => type?.SpecialType is SpecialType.System_Byte or SpecialType.System_UInt16 or SpecialType.System_UInt32;
}
