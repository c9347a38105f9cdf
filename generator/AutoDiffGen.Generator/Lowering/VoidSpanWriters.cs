using System.Linq;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A void helper of the user's that is not [Differentiable] and takes a <c>Span&lt;double&gt;</c> (or float) parameter
/// it may write into (natural19's G07: <c>static void Step(Span&lt;double&gt; u, Span&lt;double&gt; next, double r)</c>).
/// Since spans22 such a helper is differentiated in place, its span parameters bound to views of the caller's arrays
/// (ExpressionLowering.SpanParameters); this refusal is left for one that also takes a parameter an inlined helper may
/// not have (a <c>double[][]</c>, a <c>List&lt;double&gt;</c>): it names them and says what to write.
/// </summary>
internal static class VoidSpanWriters
{
    /// <summary>Why the call is refused and what to write instead; null when the callee is no such helper.</summary>
    public static (string What, string Instead)? Refusal(IMethodSymbol method)
    {
        if (!PlainHelpers.IsPlainVoidHelper(method) || PlainHelpers.HasArrayWriterShape(method)) return null;
        var spans = method.Parameters.Where(p => p.Type is INamedTypeSymbol { Name: "Span", TypeArguments.Length: 1 } span
            && span.ContainingNamespace?.ToDisplayString() == "System" && Derivatives.PiecewiseConstant.IsReal(span.TypeArguments[0])).ToList();
        if (spans.Count == 0) return null;
        string element = ((INamedTypeSymbol)spans[0].Type).TypeArguments[0].ToDisplayString();
        string names = string.Join("', '", spans.Select(p => p.Name));
        var blocking = method.Parameters.Where(p => !PlainHelpers.IsInlinableParameter(p)).ToList();
        string list = string.Join(", ", blocking.Select(p => "'" + p.Name + "' (" + p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + ")"));
        return ("A call to the void helper '" + method.ContainingType.Name + "." + method.Name + "', which is not [Differentiable], takes the Span<" + element + "> parameter"
                + (spans.Count > 1 ? "s '" : " '") + names + "' to write into"
                + (blocking.Count > 0 ? " and the parameter" + (blocking.Count > 1 ? "s " : " ") + list : "")
                + " (a void helper that is not [Differentiable] is differentiated in place only when every parameter is a real, an int, a bool, a struct of reals, an array or a span of reals by value, and it writes only its own locals and the elements of its arrays and spans)",
            "mark '" + method.Name + "' [Differentiable] (a [Differentiable] method's Span<" + element + "> parameter that it writes is an output with an adjoint)"
                + (blocking.Count > 0 ? ", or pass " + (blocking.Count > 1 ? "those parameters" : "that parameter") + " as arrays of reals (a row: rows[0])" : ""));
    }
}
