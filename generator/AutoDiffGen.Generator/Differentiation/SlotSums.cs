using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A reverse loop that adds into one slot of a local adjoint array at an index the loop does not change (issue 12, the
/// GMM's triangle <c>qx[j] += icf[l] * xc[i]</c>, whose inner reverse loop does <c>dXc[i] += icf[l] * dQx[j]</c> per
/// element): each add is a load and a store of the same slot, a chain through memory from one iteration to the next,
/// which the JIT cannot keep in a register (another array may be the same one). The slot is summed in a local instead:
/// <c>double dXcAt1 = dXc[i]; for (…) { dXcAt1 += …; } dXc[i] = dXcAt1;</c>. The local starts at the slot's value and
/// takes the same adds in the same order, so every gradient is the same bits.
/// <para>
/// Only when the index is one name or an integer literal that nothing in the loop assigns (so it is the same before,
/// in and after the loop, and reading it neither throws nor overflows), the array is a local one (its adjoint array is
/// the method's own, which no other name reaches), and every step of the loop that names that adjoint array is such an
/// add at that index. The load and the store are guarded by the index being in range: a loop that runs no times
/// never read the slot.
/// </para>
/// </summary>
internal static class SlotSums
{
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph)
    {
        var adjoints = program.Adjoints;
        var flat = StepTree.Flatten(program.Body);
        var local = new HashSet<string>(flat.OfType<NewAdjointArray>()
            .Where(a => graph.Nodes[a.Node].TypeName is "double[]" or "float[]")
            .Select(a => adjoints[a.Node]));
        if (local.Count == 0 || !flat.Any(s => s is ReverseLoop)) return program;
        string Name(int node) => adjoints[node];
        var taken = new Names(graph, adjoints, flat);
        // Index names are the graph's int locals (counters, indices): `i >= 0` is then neither a warning nor a widening.
        var ints = new HashSet<string>(graph.Nodes.Where(n => n.TypeName == "int").Select(n => n.Name));

        bool changed = false;
        var body = StepTree.Rewrite(program.Body, block =>
        {
            var result = new List<Step>(block.Count);
            foreach (var step in block)
            {
                if (step is not ReverseLoop loop || Defined(loop, graph, Name) is not { } defined)
                {
                    result.Add(step);
                    continue;
                }
                var loopFlat = StepTree.Flatten(loop.Body);
                var before = new List<Step>();
                var after = new List<Step>();
                var rewritten = loop;
                foreach (var array in local)
                {
                    if (Slot(loopFlat, array, adjoints, Name, defined, ints) is not { Index: { } index } slot) continue;
                    var elementType = graph.Nodes[slot.Target].TypeName == "float[]" ? ScalarType.Float : ScalarType.Double;
                    string sum = taken.Fresh(array + "At");
                    string inRange = InRange(index, array);
                    var element = AdjointText.Concat(AdjointText.Of(slot.Target), AdjointText.Plain("[" + index + "]"));
                    before.Add(new NewAdjointLocal(ScalarLiterals.TypeKeyword(elementType), sum,
                        AdjointText.Concat(AdjointText.Plain(inRange + " ? "), element, AdjointText.Plain(" : " + ScalarLiterals.Zero(elementType)))));
                    rewritten = rewritten with { Body = Retarget(rewritten.Body, array, index, sum, Name) };
                    after.Add(new Branch(inRange, new EquatableArray<Step>(new Step[]
                    {
                        new Contribute(slot.Target, index, AdjointText.Plain(sum), Accumulation.Assign),
                    }), null));
                }
                if (before.Count == 0)
                {
                    result.Add(step);
                    continue;
                }
                changed = true;
                result.AddRange(before);
                result.Add(rewritten);
                result.AddRange(after);
            }
            return result;
        });
        return changed ? program with { Body = body } : program;
    }

    /// <summary>The guard of a summed slot's load and store: the index lies in the array.</summary>
    internal static string InRange(string index, string array) => index + " >= 0 && " + index + " < " + array + ".Length";

    /// <summary>The one slot of <paramref name="array"/> the loop adds into, when every step naming the array is such an add.</summary>
    private static Contribute? Slot(List<Step> loop, string array, EquatableArray<string> adjoints, System.Func<int, string> name, HashSet<string> defined,
        HashSet<string> ints)
    {
        Contribute? slot = null;
        foreach (var s in loop)
        {
            bool names = ZeroStarts.Names(s, array, name)
                || s is NewAdjointArray a && adjoints[a.Node] == array
                || SingleUseAdjoints.RawTexts(s).Any(t => SingleUseAdjoints.NamedIn(t, array));
            if (!names) continue;
            if (s is not Contribute { How: Accumulation.Add, Index: { } index } c || adjoints[c.Target] != array
                || c.Value.Refs.Any(r => adjoints[r] == array) || SingleUseAdjoints.NamedIn(c.Value.Render(name), array)
                || !Invariant(index, defined, ints) || slot is not null && slot.Index != index) return null;
            slot ??= c;
        }
        return slot;
    }

    /// <summary>One <c>int</c> local the loop does not assign, or a non-negative integer literal.</summary>
    private static bool Invariant(string index, HashSet<string> defined, HashSet<string> ints) =>
        index.Length > 0 && (index.All(ch => ch is >= '0' and <= '9') && index.Length < 10
            || ints.Contains(index) && Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(index) && !defined.Contains(index));

    /// <summary>The names the loop (its header and body) assigns, or null when it holds a step whose writes are not known here.</summary>
    private static HashSet<string>? Defined(ReverseLoop loop, ComputationGraph graph, System.Func<int, string> name)
    {
        var defined = new HashSet<string>();
        foreach (var s in StepTree.Flatten(new EquatableArray<Step>(new Step[] { loop })))
        {
            if (Assigned(s, graph, name) is not { } names) return null;
            defined.UnionWith(names);
        }
        return defined;
    }

    /// <summary>The names one step assigns (not those of the steps inside it), or null for a step this pass does not know.</summary>
    private static IEnumerable<string>? Assigned(Step s, ComputationGraph graph, System.Func<int, string> name) => s switch
    {
        Comment or Blank or Branch or AddToParameter or StoreElement => System.Array.Empty<string>(),
        Compute c when graph.Nodes[c.Node].Call is not { HasOutputs: true } => new[] { graph.Nodes[c.Node].Name },
        TapePop p => new[] { graph.Nodes[p.Node].Name },
        DeclareLocal d => new[] { graph.Nodes[d.Node].Name },
        GuardedRead g => new[] { graph.Nodes[g.Node].Name },
        SetLocal l => new[] { l.Name },
        NewLocal l => new[] { l.Name },
        Increment i => new[] { i.Name },
        NewAdjointLocal l => new[] { l.Name },
        DeclareAdjoint d => new[] { name(d.Node) },
        Contribute c => new[] { name(c.Target) },
        ReverseLoop r => r.Walk is { } walk ? new[] { r.Countdown, walk.Counter } : new[] { r.Countdown },
        // A derivative call may write what it is passed by ref: every name in its text counts as written.
        Invoke i => Words(i.Call.Render(name)),
        _ => null,
    };

    private static IEnumerable<string> Words(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, @"@?[\p{L}_][\p{L}\p{Nd}_]*").Cast<System.Text.RegularExpressions.Match>().Select(m => m.Value);

    /// <summary>The loop's adds into <paramref name="array"/>[<paramref name="index"/>] made adds into <paramref name="sum"/>.</summary>
    internal static EquatableArray<Step> Retarget(EquatableArray<Step> body, string array, string index, string sum, System.Func<int, string> name) =>
        StepTree.Rewrite(body, block => block.Select(step => step is Contribute { How: Accumulation.Add } c && c.Index == index && name(c.Target) == array
            ? new AddToLocal(sum, c.Value, c.Negative)
            : step).ToList());

    /// <summary>The names a program uses, to choose new ones that no name or text of it holds.</summary>
    internal sealed class Names
    {
        private readonly List<string> _texts = new();
        private readonly HashSet<string> _chosen = new();

        public Names(ComputationGraph graph, EquatableArray<string> adjoints, List<Step> flat)
        {
            _texts.AddRange(graph.Nodes.Select(n => n.Name));
            _texts.AddRange(graph.Nodes.Select(n => n.AdjointName));
            _texts.AddRange(adjoints);
            _texts.AddRange(graph.Sums.Select(s => s.Name));
            string Name(int node) => adjoints[node];
            foreach (var s in flat)
            {
                _texts.AddRange(SingleUseAdjoints.RawTexts(s));
                _texts.AddRange(SingleUseAdjoints.Texts(s).Select(t => t.Render(Name)));
            }
        }

        public string Fresh(string stem)
        {
            for (int n = 1; ; n++)
            {
                string candidate = stem + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (_chosen.Contains(candidate) || _texts.Any(t => SingleUseAdjoints.NamedIn(t, candidate))) continue;
                _chosen.Add(candidate);
                return candidate;
            }
        }
    }
}
