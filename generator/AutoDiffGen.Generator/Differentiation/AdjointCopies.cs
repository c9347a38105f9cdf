using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// An adjoint declared as a copy of another (<c>double dProd5 = dResult;</c>: the add gate passes its gradient
/// through) and never written again is the other one under a second name: its declaration goes, and its reads
/// read the other. Only when the other holds its value for as long as the copy is read: no write to it follows
/// the copy in the program's text (a later iteration of a loop around both redeclares the copy before reading it),
/// except the self-assignment <c>other = copy;</c>, which goes too.
/// <para>
/// Forward over reverse (Differentiator.HessianVector) runs it on its walk before each contribution gets its tangent:
/// an adjoint renamed here has its tangent renamed with it, so the tangent copy
/// <c>tdProd5 = tdResult2;</c> is never written and its readers read the other's tangent. Every write of an adjoint's
/// tangent sits where the adjoint's own write does, so the condition on the value holds for the tangent too.
/// </para>
/// </summary>
internal static class AdjointCopies
{
    /// <param name="program">The program (a forward-over-reverse walk's before its tangents are added).</param>
    /// <param name="graph">Its graph.</param>
    /// <param name="tangents">
    /// Where the adjoints' tangents' names start in <see cref="AdjointProgram.Adjoints"/> (node i's at <c>tangents + i</c>), or -1
    /// for <c>MBackward</c>; with <paramref name="seedTangent"/>, the name of <c>dResult</c>'s tangent (null: a copy of the seed stays).
    /// </param>
    /// <param name="seedTangent">The seed's tangent (<c>tdResult</c> in MBackwardTangent), or null.</param>
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph, int tangents = -1, string? seedTangent = null)
    {
        var nodes = graph.Nodes;
        var flat = StepTree.Flatten(program.Body);
        var writes = new Dictionary<int, List<int>>();
        for (int i = 0; i < flat.Count; i++)
        {
            foreach (int w in StepTree.Writes(flat[i]))
            {
                if (!writes.TryGetValue(w, out var at)) writes[w] = at = new List<int>();
                at.Add(i);
            }
        }
        var adjoints = program.Adjoints.ToArray();
        var removed = new HashSet<Step>(StepIdentity.Instance);
        for (int i = 0; i < flat.Count; i++)
        {
            if (flat[i] is not Contribute { How: Accumulation.Declare, Negative: false, Index: null } copy || copy.Target >= nodes.Length) continue;
            var target = nodes[copy.Target];
            if (target.Gate == GateKind.Parameter || target.Type is not (ScalarType.Double or ScalarType.Float)) continue;
            if (writes[copy.Target].Count != 1) continue;
            string name;
            string? tangent = null;
            Contribute? selfAssignment = null;
            // An adjoint or a source with no tangent local (one the walk gives none) keeps its copy: the pair is renamed together or not at all.
            bool Paired(string? t) => tangents < 0 || !string.IsNullOrEmpty(t) && adjoints[tangents + copy.Target].Length > 0;
            if (copy.Value.IsAdjoint(out int source))
            {
                if (source >= nodes.Length || nodes[source].Type != target.Type || nodes[source].Gate == GateKind.Parameter) continue;
                // A write after the copy (in text, so also in a later run of a loop around both) would change what the
                // copy's readers see. One before it cannot: in a loop, the copy is declared again before it is read.
                // The one exception: a later `source = copy;` with nothing else written to either in between (a carried
                // adjoint handed through an add gate, `dT_2 = dT_1; … dT_1 = dT_2;`) assigns the source its own value.
                var later = writes.TryGetValue(source, out var sourceWrites) ? sourceWrites.Where(w => w > i).ToList() : new List<int>();
                if (later.Count == 1 && flat[later[0]] is Contribute { How: Accumulation.Assign, Negative: false, Index: null } back
                    && back.Target == source && back.Value.IsAdjoint(out int from) && from == copy.Target)
                {
                    selfAssignment = back;
                }
                else if (later.Count > 0) continue;
                name = adjoints[source];
                if (tangents >= 0) tangent = adjoints[tangents + source];
            }
            else if (copy.Value.Refs.IsEmpty && copy.Value.Text[0] == "dResult" && (tangents < 0 || seedTangent is not null))
            {
                // The seed: a parameter of Backward that nothing assigns (in MBackwardTangent, with its tangent beside it;
                // MHessianVector's seed has a zero tangent, no local, so a copy of it stays there).
                name = "dResult";
                tangent = seedTangent;
            }
            else continue;
            if (!Paired(tangent)) continue;
            if (selfAssignment is not null) removed.Add(selfAssignment);
            adjoints[copy.Target] = name;
            if (tangents >= 0) adjoints[tangents + copy.Target] = tangent!;
            removed.Add(copy);
        }
        if (removed.Count == 0) return program;
        return program with
        {
            Body = StepTree.Rewrite(program.Body, block => Without(block, removed)),
            Adjoints = new Helpers.EquatableArray<string>(adjoints),
        };
    }

    /// <summary>
    /// The block without the removed steps. A gate whose every line was a removed copy (an add gate) keeps its
    /// comment, which says where its inputs' gradient now is, as the hand derivation would.
    /// </summary>
    internal static List<Step> Without(List<Step> block, HashSet<Step> removed)
    {
        var kept = new List<Step>(block.Count);
        for (int i = 0; i < block.Count; i++)
        {
            if (block[i] is Comment { Gate: >= 0 } comment)
            {
                int end = i + 1;
                while (end < block.Count && block[end] is Contribute c && c.Source == comment.Gate) end++;
                if (end > i + 1 && Enumerable.Range(i + 1, end - i - 1).All(k => removed.Contains(block[k])))
                {
                    kept.Add(comment with { Text = AdjointText.Concat(comment.Text, AdjointText.Plain(" (the gradient stays in "), AdjointText.Of(comment.Gate), AdjointText.Plain(")")) });
                    continue;
                }
            }
            if (!removed.Contains(block[i])) kept.Add(block[i]);
        }
        return kept;
    }
}
