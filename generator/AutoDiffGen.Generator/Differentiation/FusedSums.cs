using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// An adjoint declared (or reset) and then added into by later contributions of its block is declared once, as their
/// sum, where the last of them stood: <c>double dT = dA; dYSum += t * dB; dT += y * dB;</c> becomes
/// <c>dYSum += t * dB; double dT = dA + y * dB;</c>. C# adds left to right, so <c>((a + b) - c)</c> is the same operations on
/// the same values as <c>d = a; d += b; d -= c;</c>: every gradient stays bit for bit, with a statement (and a compound
/// assignment to bind and flow-analyse) fewer per term. Only <c>double</c> adjoints (as <see cref="SingleUseAdjoints"/>),
/// only past contributions, and only while nothing between reads the adjoint or writes a variable a moved term reads;
/// the checks go by name (two nodes may share an adjoint's name after <see cref="AdjointCopies"/>), on the written text.
/// Forward over reverse (Differentiator.HessianVector) runs it after each contribution got its tangent: the adjoints' tangents
/// (<c>tdT</c>, node i's at <c>tangents + i</c>) are summed the same way, each sum apart from its value's (the same
/// operations on the same values again, so H·v stays bit for bit).
/// </summary>
internal static class FusedSums
{
    /// <summary>Steps a term may wait for the next (a moved term keeps its inputs live until the sum).</summary>
    private const int Gap = 40;

    /// <summary>Terms per sum, so that one long sum does not hold many values live.</summary>
    private const int MaxTerms = 8;

    /// <param name="program">The program.</param>
    /// <param name="graph">Its graph.</param>
    /// <param name="tangents">Where the adjoints' tangents start among the program's names (forward over reverse), or -1.</param>
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph, int tangents = -1)
    {
        var nodes = graph.Nodes;
        var names = program.Adjoints;
        string Name(int node) => node >= 0 && node < names.Length ? names[node] : "\u0002";
        // The node an adjoint (or an adjoint's tangent) belongs to; -1 for anything else (a value's tangent).
        int Owner(int r) => r >= 0 && r < nodes.Length ? r : tangents >= 0 && r >= tangents && r < tangents + nodes.Length ? r - tangents : -1;
        bool changed = false;
        var body = StepTree.Rewrite(program.Body, block =>
        {
            for (int i = 0; i < block.Count; i++)
            {
                if (Fuse(block, i, nodes, Name, Owner, tangents >= 0)) changed = true;
            }
            return block.Where(s => s is not null).ToList();
        });
        return changed ? program with { Body = body } : program;
    }

    /// <summary>
    /// Fuses the head at <paramref name="at"/> with the adds that follow it; the head's slot and the fused adds but the
    /// last become null, the last the sum.
    /// </summary>
    private static bool Fuse(List<Step> block, int at, EquatableArray<Node> nodes, System.Func<int, string> name, System.Func<int, int> owner, bool tangents)
    {
        if (block[at] is not Contribute { How: Accumulation.Declare or Accumulation.Assign, Index: null } head) return false;
        if (owner(head.Target) is not (>= 0 and var of) || nodes[of] is not { Type: ScalarType.Double, TypeName: "double" }) return false;
        string target = name(head.Target);
        if (target is "dResult" or "tdResult" || IsZero(head.Value) || ReadsParameter(head.Value, nodes, owner, tangents)) return false;

        // Each term with its text as written, which the writes before the sum must leave alone.
        var terms = new List<(Contribute Step, string Text)> { (head, head.Value.Render(name)) };
        int last = -1, since = at;
        for (int k = at + 1; k < block.Count && k - since <= Gap && terms.Count < MaxTerms; k++)
        {
            var step = block[k];
            if (step is null or Comment or Blank) continue;
            if (step is not Contribute c) break;
            string text = c.Value.Render(name);
            if (name(c.Target) == target)
            {
                if (c.How != Accumulation.Add || c.Index is not null || c.Target != head.Target || SingleUseAdjoints.NamedIn(text, target)
                    || ReadsParameter(c.Value, nodes, owner, tangents)) break;
                terms.Add((c, text));
                last = k;
                since = k;
                continue;
            }
            // Another contribution: it must not read the sum, nor write what a term waiting for the sum reads.
            string written = name(c.Target);
            if (SingleUseAdjoints.NamedIn(text, target) || c.Index is { } index && SingleUseAdjoints.NamedIn(index, target)) break;
            if (terms.Any(t => SingleUseAdjoints.NamedIn(t.Text, written))) break;
        }
        if (last < 0) return false;

        var sum = new List<AdjointText> { Operand(head.Negative ? Negated(head.Value) : head.Value, right: false) };
        foreach (var (term, _) in terms.Skip(1)) sum.Add(AdjointText.Concat(AdjointText.Plain(term.Negative ? " - " : " + "), Operand(term.Value, right: true)));
        for (int k = at; k < last; k++)
        {
            if (block[k] is Contribute c && terms.Any(t => ReferenceEquals(t.Step, c))) block[k] = null!;
        }
        block[last] = head with { Value = AdjointText.Concat(sum.ToArray()), Negative = false, Input = -1 };
        return true;
    }

    /// <summary>A zero (a reset or a declaration before a branch): its sum would read <c>0.0 + v</c>.</summary>
    internal static bool IsZero(AdjointText value) => value.Refs.IsEmpty && value.Text[0] is "0.0" or "0.0f" or "0" or "default";

    /// <summary>
    /// A parameter's adjoint (or its tangent, a <c>ref</c> of MBackwardTangent) may be the same variable as another's (two
    /// refs to one): such a value is never moved. A value's tangent (<c>tY</c>, which no contribution writes) may be.
    /// </summary>
    private static bool ReadsParameter(AdjointText value, EquatableArray<Node> nodes, System.Func<int, int> owner, bool tangents) =>
        value.Refs.Any(r => owner(r) is var of && (of < 0 ? !(tangents && r >= nodes.Length && r < 2 * nodes.Length) : nodes[of].Gate == GateKind.Parameter));

    private static AdjointText Negated(AdjointText value) =>
        value.IsAdjoint(out _)
            ? AdjointText.Concat(AdjointText.Plain("-"), value)
            : AdjointText.Concat(AdjointText.Plain("-("), value, AdjointText.Plain(")"));

    /// <summary>The value as an operand of the sum, in parentheses unless C# groups it so already.</summary>
    private static AdjointText Operand(AdjointText value, bool right) =>
        Loose(string.Join("a", value.Text), right) ? AdjointText.Concat(AdjointText.Plain("("), value, AdjointText.Plain(")")) : value;

    /// <summary>
    /// Whether <paramref name="text"/> (adjoints written as one letter) binds looser than an additive operand: a conditional,
    /// a comparison, an assignment, a pattern; as the right operand also any + or − outside brackets (a − (b + c) is not
    /// a − b + c), a leading unary minus included. Conservative: a generic's angle brackets count too.
    /// </summary>
    internal static bool Loose(string text, bool right)
    {
        int depth = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char ch = text[i];
            if (ch is '(' or '[' or '{') depth++;
            else if (ch is ')' or ']' or '}') depth--;
            else if (depth > 0) continue;
            else if (ch == ':' && i + 1 < text.Length && text[i + 1] == ':') i++; // global::
            else if (ch is '?' or ':' or '<' or '>' or '=' or '&' or '|' or '^' or '!' or '~' or '"' or '\'') return true;
            else if (right && ch is '+' or '-') return true;
            else if (char.IsLetter(ch) && (i == 0 || !char.IsLetterOrDigit(text[i - 1]) && text[i - 1] != '_' && text[i - 1] != '.'))
            {
                int end = i;
                while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] == '_')) end++;
                if (text.Substring(i, end - i) is "is" or "as" or "switch" or "with" or "and" or "or" or "not") return true;
                i = end - 1;
            }
        }
        return false;
    }
}
