using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A void helper of the user's that is not [Differentiable], takes a <c>double[]</c> (or float) parameter it may write
/// into, but also a parameter that keeps it from being inlined as an array writer (PlainHelpers.HasArrayWriterShape): a
/// <c>List&lt;double&gt;</c>. (natural21's B07, <c>static void Cell(double[][] weight, double[][] bias, double[] hidden, …)</c>,
/// was refused here until idioms24 bound a <c>double[][]</c> parameter to the caller's jagged array.) Such a call was told
/// "a call made only for its effects … make it return that value", which does not fit a helper that computes into arrays;
/// the refusal names the parameters in the way and what to write instead.
/// </summary>
internal static class VoidArrayWriters
{
    /// <summary>Why the call is refused and what to write instead; null when the callee is no such helper.</summary>
    public static (string What, string Instead)? Refusal(IMethodSymbol method)
    {
        if (!PlainHelpers.IsPlainVoidHelper(method) || method.IsGenericMethod || PlainHelpers.HasArrayWriterShape(method) || method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out)) return null;
        var arrays = method.Parameters.Where(p => p.RefKind == RefKind.None && p.Type is IArrayTypeSymbol { Rank: 1, ElementType: var e } && Derivatives.PiecewiseConstant.IsReal(e))
            .Select(p => p.Name).ToList();
        if (arrays.Count == 0 || !WritesElementOf(method, arrays)) return null;
        // The parameters in the way: any a plain helper may not have (a span is bound to a view of the caller's array since spans22).
        var blocking = method.Parameters.Where(p => !PlainHelpers.IsInlinableParameter(p)).ToList();
        if (blocking.Count == 0) return null;
        string list = string.Join(", ", blocking.Select(p => "'" + p.Name + "' (" + p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + ")"));
        return ("A call to the void helper '" + method.ContainingType.Name + "." + method.Name + "', which is not [Differentiable] and writes into arrays, but takes the parameter"
                + (blocking.Count > 1 ? "s " : " ") + list + " (a void helper that is not [Differentiable] is differentiated in place only when every parameter is a real, an int, a bool, a struct of reals, a double[], a double[,] or a span of reals by value)",
            "mark '" + method.Name + "' [Differentiable] (the arrays it writes are then outputs with in/out adjoints), or pass "
                + (blocking.Count > 1 ? "those parameters" : "that parameter") + " as double[] (a row: weight[0]) or double[,]");
    }

    /// <summary>
    /// Whether the helper's body stores into an element of one of <paramref name="names"/> (<c>hidden[i] = …</c>,
    /// <c>acc[i] += …</c>, <c>n[i]++</c>), read from its syntax: this only picks the message, both messages refuse the call.
    /// </summary>
    private static bool WritesElementOf(IMethodSymbol method, System.Collections.Generic.List<string> names) =>
        method.DeclaringSyntaxReferences.Any(r => r.GetSyntax().DescendantNodes().Any(n => n switch
        {
            AssignmentExpressionSyntax { Left: ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax id } } => names.Contains(id.Identifier.ValueText),
            PostfixUnaryExpressionSyntax { Operand: ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax id } } => names.Contains(id.Identifier.ValueText),
            PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression, Operand: ElementAccessExpressionSyntax { Expression: IdentifierNameSyntax id } } => names.Contains(id.Identifier.ValueText),
            _ => false,
        }));
}
