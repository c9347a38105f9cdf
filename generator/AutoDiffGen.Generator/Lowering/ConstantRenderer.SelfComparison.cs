using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

internal sealed partial class ConstantRenderer
{
    /// <summary>
    /// The right side of a comparison whose two sides render to the same text. An inlined function, a local function, a lambda,
    /// a [Differentiable] callee of the type or a plain helper, called as <c>L(x, x)</c> reads <c>a &gt; b</c> as <c>x &gt; x</c>:
    /// warning CS1718, an error under warnings-as-errors. This is the one place that prevents it, for every kind of inlining and
    /// every operand type: the comparison is rendered, so the text is known here and only here (arguments are bound to nodes
    /// earlier, and a value that carries no gradient, an enum, a string, an <c>int?</c>, is rendered from its operation, so a
    /// fresh local made at the binding (as hunt11 did for callees) did not reach it: <c>EnumHelper(x, m, m)</c> still read
    /// <c>m == m</c>). A unary plus (<c>x &gt; +x</c>, a number's identity) or a double negation (<c>c == !!c</c>) is not "the
    /// same variable" to the compiler; any other type reads <c>(true ? m : m)</c>, which is neither a local nor a field either
    /// (a cast is: <c>(Mode)m</c> still warns), keeps the value and its nullable state, and compiles in C# 7.3. Each keeps the
    /// comparison's value, NaN included (<c>x &gt;= +x</c> is false for NaN, as <c>x &gt;= x</c> is).
    /// Not folded to a literal: a <c>false</c> condition would make its branch unreachable (CS0162).
    /// </summary>
    private static string SelfCompared(IBinaryOperation binary, string left, string right)
    {
        if (left != right || !IsComparison(binary.OperatorKind) || binary.RightOperand.Type is not { } type) return right;
        string operand = IsName(right) ? right : "(" + right + ")";
        if (type.SpecialType == SpecialType.System_Boolean) return "!!" + operand;
        if (IsNumber(type.SpecialType)) return "+" + operand;
        return IsName(right) ? "(true ? " + right + " : " + right + ")" : right;
    }

    private static bool IsComparison(BinaryOperatorKind kind) => kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals
        or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

    private static bool IsNumber(SpecialType type) => type is >= SpecialType.System_Char and <= SpecialType.System_Double
        or SpecialType.System_Decimal or SpecialType.System_IntPtr or SpecialType.System_UIntPtr;

    /// <summary>
    /// A name or member access (<c>x</c>, <c>this.k</c>, <c>@base</c>, <c>global::N.C.f</c>): what a prefix operator binds to as a
    /// whole, and what CS1718 can call "the same variable".
    /// </summary>
    private static bool IsName(string text)
    {
        if (text.Length == 0) return false;
        foreach (char c in text)
        {
            if (!(char.IsLetterOrDigit(c) || c is '_' or '@' or '.' or ':')) return false;
        }
        return true;
    }
}
