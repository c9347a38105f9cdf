using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>e is pattern</c> where a condition is written as text (<c>counts[i] is > 0</c>, <c>x is >= 0 and &lt; 1</c>,
/// <c>k is 1 or 2</c>, <c>o is not null</c>): the test is a comparison, so its gradient is zero, as an <c>if</c> on
/// <c>x &gt; 0</c> is. It is written with the operators C# 7.3 has (the generated code reads in every language
/// version): the value once per simple test it takes part in.
/// </summary>
internal sealed partial class ConstantRenderer
{
    private string? RenderIsPattern(IIsPatternOperation test)
    {
        if (Tests(test.Pattern) > 1 && !IsPlainRead(test.Value))
        {
            // Written out, the value would be evaluated once per test: fine for a read, not for a call that may do anything.
            return Unsupported(test, "An 'is' pattern that tests a computed value more than once",
                "store the value in a local first (var v = …; … v is > 0 and < 1)");
        }
        string? value = RenderPart(test.Value);
        if (value is null) return null;
        return PatternText(Wrap(test.Value, value), test.Pattern);
    }

    private string? PatternText(string value, IPatternOperation pattern)
    {
        switch (pattern)
        {
            case IConstantPatternOperation { Value: { ConstantValue: { HasValue: true, Value: null } } }:
                // 'is null' never calls a user-defined ==; a reference comparison does the same for any type.
                return "(" + value + " as object) == null";
            case IConstantPatternOperation constant:
                return RenderPart(constant.Value) is { } c ? value + " == " + Wrap(constant.Value, c) : null;
            case IRelationalPatternOperation relational when RelationalText(relational.OperatorKind) is { } op:
                return RenderPart(relational.Value) is { } bound ? value + " " + op + " " + Wrap(relational.Value, bound) : null;
            case IDiscardPatternOperation:
                return "true";
            case INegatedPatternOperation negated:
                return PatternText(value, negated.Pattern) is { } n ? "!(" + n + ")" : null;
            case IBinaryPatternOperation binary:
                {
                    string? l = PatternText(value, binary.LeftPattern), r = PatternText(value, binary.RightPattern);
                    if (l is null || r is null) return null;
                    return "(" + l + ")" + (binary.OperatorKind == BinaryOperatorKind.And ? " && " : " || ") + "(" + r + ")";
                }
            default:
                return Unsupported(pattern, "This pattern (a type, declaration, property, list or positional pattern)",
                    "test with ==, <, >, && and || (a relational pattern such as 'is > 0 and < 1' is supported), or compute the value in a statement before the test");
        }
    }

    private string? Unsupported(IOperation op, string what, string hint)
    {
        _context.ReportUnsupportedExpression(op, what, hint);
        return null;
    }

    /// <summary>How many simple tests read the value.</summary>
    private static int Tests(IPatternOperation pattern) => pattern switch
    {
        IBinaryPatternOperation binary => Tests(binary.LeftPattern) + Tests(binary.RightPattern),
        INegatedPatternOperation negated => Tests(negated.Pattern),
        IDiscardPatternOperation => 0,
        _ => 1,
    };

    /// <summary>A read that may be written twice: a local, parameter, constant, field, element of one at such indices, or built-in arithmetic of these.</summary>
    private static bool IsPlainRead(IOperation op) => op switch
    {
        { ConstantValue.HasValue: true } => true,
        ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation => true,
        IFieldReferenceOperation field => field.Instance is null || IsPlainRead(field.Instance),
        IConversionOperation { OperatorMethod: null } conversion => IsPlainRead(conversion.Operand),
        IBinaryOperation { OperatorMethod: null } binary => IsPlainRead(binary.LeftOperand) && IsPlainRead(binary.RightOperand),
        IUnaryOperation { OperatorMethod: null } unary => IsPlainRead(unary.Operand),
        IArrayElementReferenceOperation element => IsPlainRead(element.ArrayReference) && System.Linq.Enumerable.All(element.Indices, IsPlainRead),
        _ => false,
    };

    private static string? RelationalText(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.LessThan => "<",
        BinaryOperatorKind.LessThanOrEqual => "<=",
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        _ => null,
    };
}
