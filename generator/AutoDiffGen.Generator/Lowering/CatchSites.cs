using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// What in a statement of a <c>try</c> with a <c>catch</c> may throw, and the test that says it will, written before the
/// statement: a checked conversion of a real to int or long (OverflowException), an int or long division or remainder
/// (DivideByZeroException, OverflowException for MinValue / -1), an array element (NullReferenceException,
/// IndexOutOfRangeException). Everything else a statement there may hold is known not to throw (locals, literals, real
/// arithmetic, Math functions that never throw) or is refused: the generator must know exactly when the catch runs.
/// </summary>
internal static class CatchSites
{
    /// <summary>
    /// One way a site throws: the test (over the operands rendered later; a null test reads the array as object, so that
    /// the compiler's null-state of the array itself stays as it was) and the exception's type and bases.
    /// </summary>
    internal sealed record Throw(IOperation Site, IOperation[] Operands, System.Func<string[], string> Test, string[] Types);

    private static readonly string[] Overflow = { "System.OverflowException", "System.ArithmeticException", "System.SystemException", "System.Exception", "object" };
    private static readonly string[] DivideByZero = { "System.DivideByZeroException", "System.ArithmeticException", "System.SystemException", "System.Exception", "object" };
    private static readonly string[] IndexOutOfRange = { "System.IndexOutOfRangeException", "System.SystemException", "System.Exception", "object" };
    private static readonly string[] NullReference = { "System.NullReferenceException", "System.SystemException", "System.Exception", "object" };

    /// <summary>Math functions of reals that return NaN or an infinity rather than throw (Math.Sign(NaN) and Math.Round(x, digits) throw).</summary>
    private static readonly HashSet<string> NeverThrow = new()
    {
        "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Atan2", "Sinh", "Cosh", "Tanh", "Exp", "Log", "Log10", "Log2", "Sqrt", "Cbrt",
        "Pow", "Abs", "Max", "Min", "Floor", "Ceiling", "Truncate", "Hypot",
    };

    /// <summary>Whether a catch clause of <paramref name="clause"/>'s type catches an exception of <paramref name="types"/> (its type, then its bases).</summary>
    public static bool Catches(ITypeSymbol? clause, string[] types) =>
        clause is null || types.Contains(clause.ToDisplayString());

    /// <summary>The type and bases of an exception type, for <see cref="Catches"/>.</summary>
    public static string[] Chain(ITypeSymbol type)
    {
        var list = new List<string>();
        for (var t = type; t is not null; t = t.BaseType) list.Add(t.SpecialType == SpecialType.System_Object ? "object" : t.ToDisplayString());
        return list.ToArray();
    }

    /// <summary>
    /// The ways <paramref name="statement"/> may throw, operands before operations (the order C# evaluates them in), or
    /// null with the operation that cannot stand in a try with a catch: a call the generator cannot see through, a
    /// checked integer operation, an assignment or increment inside an expression (half done where a later part throws),
    /// a site under ?:, &amp;&amp;, || or ?? (evaluated only sometimes).
    /// </summary>
    public static List<Throw>? Find(IOperation statement, out IOperation? refused)
    {
        var found = new List<Throw>();
        refused = null;
        return Visit(statement, top: true, conditional: false, found, ref refused) ? found : null;
    }

    private static bool Visit(IOperation op, bool top, bool conditional, List<Throw> found, ref IOperation? refused)
    {
        bool effect = op is IAssignmentOperation or IIncrementOrDecrementOperation;
        bool allowed = op switch
        {
            ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IParenthesizedOperation or IUnaryOperation
                or IVariableDeclarationGroupOperation or IVariableDeclarationOperation or IVariableDeclaratorOperation or IVariableInitializerOperation
                or IExpressionStatementOperation or IReturnOperation or IArgumentOperation or IConversionOperation or IArrayElementReferenceOperation
                or IBinaryOperation or IConditionalOperation or ICoalesceOperation => true,
            IFieldReferenceOperation { Field.IsConst: true } => true,
            IInvocationOperation call => MathFunctions.IsMathLike(call.TargetMethod) && NeverThrow.Contains(call.TargetMethod.Name)
                && call.TargetMethod.Parameters.All(p => p.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single),
            _ => effect && top,
        };
        if (!allowed)
        {
            refused = op;
            return false;
        }
        // An assignment is the statement's own last step; what it assigns into is evaluated with its operands.
        bool childTop = op is IExpressionStatementOperation or IVariableDeclarationGroupOperation or IVariableDeclarationOperation or IVariableDeclaratorOperation;
        bool childConditional = conditional || op is IConditionalOperation or ICoalesceOperation
            || op is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr };
        int before = found.Count;
        if (op is ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation element } store)
        {
            // a[i] = v: the array and the index, then v, then the store checks a and i.
            foreach (var child in element.ChildOperations)
            {
                if (!Visit(child, false, childConditional, found, ref refused)) return false;
            }
            if (!Visit(store.Value, false, childConditional, found, ref refused) || !Site(element, found, ref refused)) return false;
        }
        else
        {
            foreach (var child in op.ChildOperations)
            {
                if (!Visit(child, childTop, childConditional, found, ref refused)) return false;
            }
        }
        if (!Site(op, found, ref refused)) return false;
        if (conditional && found.Count > before)
        {
            // A part evaluated only on some paths: its test would run where C# does not evaluate it.
            refused = found[before].Site;
            return false;
        }
        return true;
    }

    private static bool Site(IOperation op, List<Throw> found, ref IOperation? refused)
    {
        switch (op)
        {
            case IConversionOperation conversion when conversion.IsChecked && !conversion.Conversion.IsImplicit:
                {
                    var from = conversion.Operand.Type?.SpecialType;
                    var to = conversion.Type?.SpecialType;
                    bool real = from is SpecialType.System_Double or SpecialType.System_Single;
                    if (real && to == SpecialType.System_Int32)
                    {
                        found.Add(new Throw(op, new[] { conversion.Operand }, v => "!(" + v[0] + " > -2147483649.0 && " + v[0] + " < 2147483648.0)", Overflow));
                        return true;
                    }
                    if (real && to == SpecialType.System_Int64)
                    {
                        found.Add(new Throw(op, new[] { conversion.Operand }, v => "!(" + v[0] + " >= -9223372036854775808.0 && " + v[0] + " < 9223372036854775808.0)", Overflow));
                        return true;
                    }
                    refused = op;
                    return false;
                }
            case IBinaryOperation binary when binary.Type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64
                || binary.Type?.SpecialType is SpecialType.System_Byte or SpecialType.System_Int16:
                {
                    if (binary.OperatorKind is BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder)
                    {
                        if (binary.Type?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64))
                        {
                            refused = op;
                            return false;
                        }
                        string min = binary.Type.SpecialType == SpecialType.System_Int32 ? "global::System.Int32.MinValue" : "global::System.Int64.MinValue";
                        found.Add(new Throw(op, new[] { binary.RightOperand }, v => v[0] + " == 0", DivideByZero));
                        found.Add(new Throw(op, new[] { binary.LeftOperand, binary.RightOperand }, v => "(" + v[1] + " == -1 && " + v[0] + " == " + min + ")", Overflow));
                        return true;
                    }
                    if (binary.IsChecked && binary.OperatorKind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply)
                    {
                        refused = op;
                        return false;
                    }
                    return true;
                }
            case IArrayElementReferenceOperation element:
                {
                    if (element.Indices.Length != 1 || element.Indices[0].Type?.SpecialType != SpecialType.System_Int32)
                    {
                        refused = op;
                        return false;
                    }
                    found.Add(new Throw(op, new[] { element.ArrayReference }, v => "(" + v[0] + " as object) == null", NullReference));
                    found.Add(new Throw(op, new[] { element.ArrayReference, element.Indices[0] }, v => "(uint)" + v[1] + " >= (uint)" + v[0] + ".Length", IndexOutOfRange));
                    return true;
                }
            case IUnaryOperation { IsChecked: true, OperatorKind: UnaryOperatorKind.Minus } unary when unary.Type?.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single):
                refused = op;
                return false;
            default:
                return true;
        }
    }
}
