using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A copy of a loop-carried adjoint that the loop body overwrites after its last read: in a reverse loop,
/// <c>double dAcc_2 = dAcc_1; dV[j] += e * dAcc_2; dAcc_1 = b * dAcc_2;</c> is
/// <c>dV[j] += e * dAcc_1; dAcc_1 = b * dAcc_1;</c> — one local and one statement fewer per loop for the compiler
/// (issue 12: loops cost the compiler most per method). <see cref="AdjointCopies"/> keeps such a copy, as its source
/// is written after it; this pass runs last on <c>MBackward</c>'s program (after every pass that reasons by node,
/// as this one merges two nodes' storage) and reasons by name.
/// <para>
/// The copy <c>T = S</c> goes, and T's readers read S, when, in the copy's block: T is written nowhere else, every
/// write of S that follows the copy is either <c>S = T</c> (any number, in branches too: S then still holds T's value;
/// they go, as they would read <c>S = S</c>) or, first among the others, a plain contribution to S that is a step of
/// the block itself, and nothing reads T after that contribution (its own right-hand side, evaluated before the
/// store, may). T is in scope only in the rest of its block, so every read of T runs while S still holds T's value;
/// a loop around the block declares T again before reading it.
/// </para>
/// </summary>
internal static class OverwrittenCopies
{
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph)
    {
        var nodes = graph.Nodes;
        var adjoints = program.Adjoints.ToArray();
        var flat = StepTree.Flatten(program.Body);
        string raw = string.Join("\n", flat.SelectMany(SingleUseAdjoints.RawTexts));
        var writesByName = new Dictionary<string, int>();
        foreach (var step in flat)
        {
            foreach (int w in StepTree.Writes(step))
            {
                if (w < 0 || w >= adjoints.Length) continue;
                writesByName[adjoints[w]] = writesByName.TryGetValue(adjoints[w], out int n) ? n + 1 : 1;
            }
        }
        var removed = new HashSet<Step>(StepIdentity.Instance);
        var touched = new HashSet<string>();
        var renames = new Dictionary<string, string>();

        void Visit(EquatableArray<Step> block)
        {
            for (int at = 0; at < block.Length; at++)
            {
                var step = block[at];
                foreach (var inner in Children(step)) Visit(inner);
                if (step is not Contribute { How: Accumulation.Declare, Negative: false, Index: null } copy) continue;
                if (!copy.Value.IsAdjoint(out int source) || copy.Target >= nodes.Length || source >= nodes.Length) continue;
                var target = nodes[copy.Target];
                if (target.Gate == GateKind.Parameter || nodes[source].Gate == GateKind.Parameter) continue;
                if (target.Type is not (ScalarType.Double or ScalarType.Float) || nodes[source].Type != target.Type || nodes[source].TypeName != target.TypeName) continue;
                string t = adjoints[copy.Target], s = adjoints[source];
                if (t == s || t == "dResult" || s == "dResult" || touched.Contains(t) || touched.Contains(s)) continue;
                if (!writesByName.TryGetValue(t, out int tWrites) || tWrites != 1) continue;
                if (SingleUseAdjoints.NamedIn(raw, t) || SingleUseAdjoints.NamedIn(raw, s)) continue;
                if (!Overwritten(block, at, t, s, adjoints, out var selfAssignments)) continue;
                removed.Add(copy);
                foreach (var back in selfAssignments) removed.Add(back);
                touched.Add(t);
                touched.Add(s);
                renames[t] = s;
            }
        }
        Visit(program.Body);
        if (removed.Count == 0) return program;
        for (int i = 0; i < adjoints.Length; i++)
        {
            if (renames.TryGetValue(adjoints[i], out var to)) adjoints[i] = to;
        }
        return program with
        {
            Body = StepTree.Rewrite(program.Body, block => AdjointCopies.Without(block, removed)),
            Adjoints = new EquatableArray<string>(adjoints),
        };
    }

    /// <summary>
    /// Whether every read of <paramref name="t"/> after <c>block[at]</c> runs while <paramref name="s"/> still holds its
    /// value (see the class summary); the self-assignments <c>s = t</c> found on the way, to remove.
    /// </summary>
    private static bool Overwritten(EquatableArray<Step> block, int at, string t, string s, string[] adjoints, out List<Contribute> selfAssignments)
    {
        selfAssignments = new List<Contribute>();
        string Name(int node) => node >= 0 && node < adjoints.Length ? adjoints[node] : "";
        bool IsSelfAssignment(Step step) => step is Contribute { How: Accumulation.Assign, Negative: false, Index: null } c
            && Name(c.Target) == s && c.Value.IsAdjoint(out int from) && Name(from) == t;
        bool ReadsT(Step step) => SingleUseAdjoints.Texts(step).Any(text => text.Refs.Any(r => Name(r) == t));
        int readsSeen = 0;
        for (int q = at + 1; q < block.Length; q++)
        {
            var sub = StepTree.Flatten(new EquatableArray<Step>(new[] { block[q] }));
            readsSeen += sub.Count(ReadsT);
            var writesOfS = sub.Where(step => StepTree.Writes(step).Any(w => Name(w) == s)).ToList();
            if (writesOfS.Count == 0) continue;
            if (writesOfS.All(IsSelfAssignment))
            {
                selfAssignments.AddRange(writesOfS.Cast<Contribute>());
                continue;
            }
            // The first other write: a contribution to s at this level (not inside a loop or branch that may run it
            // before a read of t), after which nothing reads t.
            if (sub.Count != 1 || block[q] is not Contribute { Index: null }) return false;
            for (int r = q + 1; r < block.Length; r++)
            {
                if (StepTree.Flatten(new EquatableArray<Step>(new[] { block[r] })).Any(ReadsT)) return false;
            }
            return readsSeen > 0;
        }
        // No other write of s follows in this block (self-assignments aside, in branches too; AdjointCopies takes one).
        return readsSeen > 0;
    }

    private static IEnumerable<EquatableArray<Step>> Children(Step step) => step switch
    {
        Branch b => b.Else is { } e ? new[] { b.Then, e } : new[] { b.Then },
        ForwardLoop f => new[] { f.Body },
        ReverseLoop r => new[] { r.Body },
        Segments g => new[] { g.Body },
        _ => System.Array.Empty<EquatableArray<Step>>(),
    };
}
