using System.Linq;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A void helper of the user's that is not [Differentiable] and takes a <c>Span&lt;double&gt;</c> (or float) parameter
/// it may write into (natural19's G07: <c>static void Step(Span&lt;double&gt; u, Span&lt;double&gt; next, double r)</c>).
/// A plain void helper is differentiated in place only when it writes into <c>double[]</c> parameters (its array
/// parameters stand for the caller's arrays, PlainHelpers.HasArrayWriterShape); a span parameter may view a
/// <c>stackalloc</c> buffer or a slice, which has no adjoint array to stand for. The refusal says so and what to write.
/// </summary>
internal static class VoidSpanWriters
{
    /// <summary>Why the call is refused and what to write instead; null when the callee is no such helper.</summary>
    public static (string What, string Instead)? Refusal(IMethodSymbol method)
    {
        if (!PlainHelpers.IsPlainVoidHelper(method)) return null;
        var spans = method.Parameters.Where(p => p.Type is INamedTypeSymbol { Name: "Span", TypeArguments.Length: 1 } span
            && span.ContainingNamespace?.ToDisplayString() == "System" && Derivatives.PiecewiseConstant.IsReal(span.TypeArguments[0])).ToList();
        if (spans.Count == 0) return null;
        string element = ((INamedTypeSymbol)spans[0].Type).TypeArguments[0].ToDisplayString();
        string names = string.Join("', '", spans.Select(p => p.Name));
        return ("A call to the void helper '" + method.ContainingType.Name + "." + method.Name + "', which is not [Differentiable] and takes the Span<" + element + "> parameter"
                + (spans.Count > 1 ? "s '" : " '") + names + "' to write into (a void helper that is not [Differentiable] is differentiated in place only when it writes into " + element + "[] parameters: a span may view a stackalloc buffer, which has no adjoint)",
            "declare " + (spans.Count > 1 ? "those parameters" : "that parameter") + " as " + element + "[] and pass local arrays (var next = new " + element + "[n];), which a plain helper may write into; or mark '"
                + method.Name + "' [Differentiable] (a [Differentiable] method's Span<" + element + "> parameter that it writes is an output with an adjoint) and pass it local arrays");
    }
}
