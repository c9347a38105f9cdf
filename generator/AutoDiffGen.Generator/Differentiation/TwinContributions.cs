using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// <c>x * x</c> (one node on both inputs of a gate) gives two equal contributions to the same adjoint, one after
/// the other: <c>dX += x * d; dX += x * d;</c>. They become one, <c>dX += 2.0 * x * d;</c>. Doubling is exact in
/// binary floating point: a first contribution (<c>double dX = 2.0 * x * d;</c>) is the same number, and an added
/// one is s + 2t rounded once instead of (s + t) + t rounded twice. Backward and the trace both take it.
/// </summary>
internal static class TwinContributions
{
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph) =>
        program with { Body = StepTree.Rewrite(program.Body, block => Merge(block, graph)) };

    private static List<Step> Merge(List<Step> block, ComputationGraph graph)
    {
        var merged = new List<Step>(block.Count);
        for (int i = 0; i < block.Count; i++)
        {
            if (i + 1 < block.Count && block[i] is Contribute a && block[i + 1] is Contribute b && AreTwins(a, b, graph))
            {
                merged.Add(a with { Value = Doubled(a.Value, graph.Nodes[a.Target].Type), Input = -1 });
                i++;
                continue;
            }
            merged.Add(block[i]);
        }
        return merged;
    }

    private static bool AreTwins(Contribute a, Contribute b, ComputationGraph graph) =>
        a.Source >= 0 && b.Source == a.Source && a.Input != b.Input && a.Target == b.Target
        && a.Index is null && b.Index is null && b.How == Accumulation.Add && a.Negative == b.Negative
        && a.Value == b.Value && graph.Nodes[a.Target].Type is ScalarType.Double or ScalarType.Float;

    /// <summary>
    /// 2·v, parenthesized unless v is a product of names. A product led by a local or parameter x is written
    /// <c>(x + x) * …</c>: x + x is 2·x exactly (overflow included), and the compiler binds an operator on two variables
    /// by a table look-up, while one with a double constant operand goes through full overload resolution (every
    /// built-in operator and its conversions: about an eighth of compiling the generated code, docs/performance.md).
    /// </summary>
    private static AdjointText Doubled(AdjointText value, ScalarType type)
    {
        string shape = string.Join("d", value.Text);
        var factors = shape.Split(new[] { " * " }, System.StringSplitOptions.None);
        bool product = factors.All(IsName);
        if (product && factors.Length > 1 && value.Text[0].StartsWith(factors[0] + " * ", System.StringComparison.Ordinal) && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(factors[0]))
        {
            string first = factors[0];
            var text = value.Text.ToArray();
            text[0] = "(" + first + " + " + first + ")" + text[0].Substring(first.Length);
            return new AdjointText(new EquatableArray<string>(text), value.Refs);
        }
        string two = ScalarLiterals.Real(2, type) + " * ";
        return product
            ? AdjointText.Concat(AdjointText.Plain(two), value)
            : AdjointText.Concat(AdjointText.Plain(two + "("), value, AdjointText.Plain(")"));
    }

    private static bool IsName(string text) =>
        text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c is '_' or '.');
}
