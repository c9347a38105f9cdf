using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Two adjacent reverse loops over the same range walked as one (issue 12, perf13; `Gen7` in benchmarks/gmm-probe): the
/// GMM's reverse of <c>qx[id] = qdiags[…] · xc[id]</c> (adds into <c>dXc[id]</c>) and of <c>xc[id] = x[…] − means[…]</c>
/// (reads and zeroes <c>dXc[id]</c>), which the hand-written gradient does in one walk with the element in a register.
/// <para>
/// The rule. Both loops walk their counters from the same last value down (or up) to the same entry: the same trip text
/// over the same names, entries that are the same name or two locals set to the same integer literal. Their bodies are
/// straight-line (no branch, inner loop or call) and write nothing declared outside them but adjoint-array elements: no
/// outer scalar adjoint, no primal local (the first may pop its own values, declared in it; the second pops nothing, so the
/// tape is read in the same order). An adjoint array both name is read and written only at each loop's own counter, so
/// iteration i of either touches element i alone and, fused, meets it in the same order (the first loop's, then the
/// second's); an array only one names keeps its order; a parameter's adjoint array is named by one of them at most and only
/// added into (two parameters' adjoints may be one array a caller passed twice). Every value is then the same bits.
/// </para>
/// <para>
/// The second loop's body runs after the first's in each iteration, its counter set from the first's (and left at the same
/// exit value after). Then a slot the first part adds into and the second reads and zeroes, with nothing naming the array
/// between, is read once: <c>dXc[i] += v; … double d = dXc[i]; dXc[i] = 0;</c> becomes <c>double d = dXc[i] + (v); dXc[i] =
/// 0;</c> (the same addition; the values v reads are the first part's locals, set once).
/// </para>
/// </summary>
internal static class ReverseLoopFusion
{
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph)
    {
        var flat = StepTree.Flatten(program.Body);
        if (flat.OfType<ReverseLoop>().Count() < 2) return program;
        var adjoints = program.Adjoints;
        var localArrays = new HashSet<string>(flat.OfType<NewAdjointArray>().Select(a => adjoints[a.Node]));
        // (An array without an adjoint has an empty name: NamedIn needs a word.)
        var arrays = new HashSet<string>(graph.Nodes.Where(n => n.Type == ScalarType.Array).Select(n => adjoints[n.Id]).Where(a => a.Length > 0));
        bool changed = false;
        var body = StepTree.Rewrite(program.Body, block =>
        {
            var result = new List<Step>(block);
            for (int i = 0; i < result.Count; i++)
            {
                if (result[i] is not ReverseLoop first) continue;
                int next = i + 1;
                var declarations = new List<Step>();
                while (next < result.Count && result[next] is DeclareLocal or Comment or Blank)
                {
                    declarations.Add(result[next]);
                    next++;
                }
                if (next >= result.Count || result[next] is not ReverseLoop second) continue;
                if (Fuse(first, second, declarations, result.Take(i).ToList(), graph, adjoints, arrays, localArrays) is not { } fused) continue;
                // The second loop's entry, when another local set to the same literal and read by nothing else now, loses
                // its declaration (a constant assigned and never read is warning CS0219, an error in the user's build).
                int entry = -1;
                if (second.Walk!.Entry != first.Walk!.Entry)
                {
                    entry = result.FindIndex(s => s is Compute c && graph.Nodes[c.Node].Name == second.Walk.Entry);
                    var rest = result.Where((s, at) => at != entry && at != next).ToList();
                    if (entry < 0 || entry > i || Reads(rest, second.Walk.Entry, graph, adjoints) is not { } read) continue;
                    // Read elsewhere (a fused iteration's forward loop starts from it): it stays.
                    if (read) entry = -1;
                }
                result.RemoveRange(i, next - i + 1);
                result.InsertRange(i, declarations);
                result.Insert(i + declarations.Count, fused.Loop);
                result.Insert(i + declarations.Count + 1, fused.After);
                if (entry >= 0)
                {
                    result.RemoveAt(entry);
                    i--;
                }
                changed = true;
                // The fused loop may fuse with the one after it.
                i = i + declarations.Count - 1;
            }
            return result;
        });
        return changed ? program with { Body = body } : program;
    }

    private static (ReverseLoop Loop, Step After)? Fuse(ReverseLoop first, ReverseLoop second, List<Step> between, List<Step> before, ComputationGraph graph,
        EquatableArray<string> adjoints, HashSet<string> arrays, HashSet<string> localArrays)
    {
        if (first.Walk is not { } w1 || second.Walk is not { } w2 || first.TripTape is not null || second.TripTape is not null
            || first.TripLocal is not { } t1 || second.TripLocal is not { } t2 || w1.Down != w2.Down || w1.Counter == w2.Counter) return null;
        // The declarations between may only be of the second loop's counter (and comments).
        if (between.Any(s => s is DeclareLocal d && graph.Nodes[d.Node].Name != w2.Counter)) return null;
        if (Replace(t2, w2.Entry, w1.Entry) != t1 || !SameEntry(w1.Entry, w2.Entry, before, graph)) return null;
        string Name(int node) => adjoints[node];
        if (Private(first, pops: true, graph, Name) is not { } d1 || Private(second, pops: false, graph, Name) is not { } d2 || d1.Overlaps(d2)) return null;
        // Neither writes a name the range reads.
        var rangeNames = Words(t1 + " " + w1.Entry + " " + w2.Entry + " " + w1.Counter + " " + w2.Counter);
        if (rangeNames.Overlaps(d1) || rangeNames.Overlaps(d2)) return null;
        var named1 = Named(first.Body, arrays, Name);
        var named2 = Named(second.Body, arrays, Name);
        foreach (var array in named1.Union(named2))
        {
            bool both = named1.Contains(array) && named2.Contains(array);
            if (both && (!AtCounter(first.Body, array, w1.Counter, Name) || !AtCounter(second.Body, array, w2.Counter, Name))) return null;
            if (!localArrays.Contains(array) && (both || !OnlyAdded(named1.Contains(array) ? first.Body : second.Body, array, Name))) return null;
        }
        var steps = first.Body.Concat(new Step[] { new SetLocal(w2.Counter, w1.Counter) }).Concat(second.Body).ToList();
        steps = InRegister(steps, first.Body.Length, w1.Counter, w2.Counter, Name);
        return (first with { Body = new EquatableArray<Step>(steps.ToArray()) }, new SetLocal(w2.Counter, w1.Counter));
    }

    /// <summary>Whether any of the steps (and those inside them) names <paramref name="local"/>; null for a step this pass does not know.</summary>
    internal static bool? Reads(List<Step> steps, string local, ComputationGraph graph, EquatableArray<string> adjoints)
    {
        string Name(int node) => adjoints[node];
        foreach (var s in StepTree.Flatten(new EquatableArray<Step>(steps.ToArray())))
        {
            IEnumerable<string> texts;
            switch (s)
            {
                case TapePop or DeclareLocal:
                    // A pop or a declaration at zero names only its own local.
                    texts = new[] { graph.Nodes[s is TapePop p ? p.Node : ((DeclareLocal)s).Node].Name };
                    break;
                case Compute or GuardedRead or StoreElement or Effect:
                    int id = s switch { Compute c => c.Node, GuardedRead g => g.Node, StoreElement e => e.Node, Effect f => f.Node, _ => -1 };
                    var node = graph.Nodes[id];
                    texts = new[] { node.Name, node.Text }.Concat(node.Inputs.Select(i => graph.Nodes[i].Name)).Concat(s is GuardedRead r ? new[] { r.Guard } : System.Array.Empty<string>());
                    break;
                case Comment or Blank or Contribute or DeclareAdjoint or NewLocal or SetLocal or NewAdjointLocal or AddToLocal or AddToParameter or Invoke
                    or ReverseLoop or Branch or Increment or ForwardLoop or BreakUnless or TapePush or Reserve:
                    texts = SingleUseAdjoints.Texts(s).Select(t => t.Render(Name)).Concat(SingleUseAdjoints.RawTexts(s));
                    break;
                default:
                    return null;
            }
            if (texts.Any(t => t is not null && SingleUseAdjoints.NamedIn(t, local))) return true;
        }
        return false;
    }

    /// <summary>The same name, or two locals of the block before set to the same integer literal (SSA: set once).</summary>
    internal static bool SameEntry(string e1, string e2, List<Step> before, ComputationGraph graph)
    {
        if (e1 == e2) return true;
        string? Literal(string name)
        {
            foreach (var s in before)
            {
                switch (s)
                {
                    case Compute c when graph.Nodes[c.Node].Name == name:
                        var node = graph.Nodes[c.Node];
                        return c.Declare && node.Gate == GateKind.Constant && node.Inputs.IsEmpty ? node.Text : null;
                    case NewLocal l when l.Name == name:
                        return l.Value;
                }
            }
            return null;
        }
        return Literal(e1) is { } a && a.Length is > 0 and < 10 && a.All(char.IsDigit) && a == Literal(e2);
    }

    /// <summary>
    /// The names a straight-line loop body declares, when it writes nothing else but adjoint-array elements and (for the
    /// first loop) pops only into locals it declares; null when it holds anything else.
    /// </summary>
    private static HashSet<string>? Private(ReverseLoop loop, bool pops, ComputationGraph graph, System.Func<int, string> name)
    {
        var declared = new HashSet<string>();
        foreach (var s in loop.Body)
        {
            switch (s)
            {
                case Comment or Blank:
                    break;
                case TapePop p when pops && p.Declare:
                    declared.Add(graph.Nodes[p.Node].Name);
                    break;
                case Compute c when c.Declare && graph.Nodes[c.Node].Call is null && !Effects.IsEffect(graph.Nodes[c.Node]):
                    declared.Add(graph.Nodes[c.Node].Name);
                    break;
                case NewLocal l:
                    // A value read back or recomputed (Differentiator.FusedReadBacks): a local of the iteration.
                    declared.Add(l.Name);
                    break;
                case Contribute { Index: null, How: Accumulation.Declare } c:
                    declared.Add(name(c.Target));
                    break;
                case Contribute { Index: null } c when declared.Contains(name(c.Target)):
                    break;
                case Contribute { Index: not null }:
                    break;
                default:
                    return null;
            }
        }
        return declared;
    }

    /// <summary>The adjoint arrays a body names (written or read).</summary>
    private static HashSet<string> Named(EquatableArray<Step> body, HashSet<string> arrays, System.Func<int, string> name)
    {
        var named = new HashSet<string>();
        foreach (var s in body)
        {
            if (s is Contribute { Index: not null } c && name(c.Target).Length > 0) named.Add(name(c.Target));
            foreach (var t in SingleUseAdjoints.Texts(s)) named.UnionWith(t.Refs.Select(name).Where(arrays.Contains));
            foreach (var raw in SingleUseAdjoints.RawTexts(s)) named.UnionWith(arrays.Where(a => SingleUseAdjoints.NamedIn(raw, a)));
        }
        return named;
    }

    /// <summary>Every write of the array is at <paramref name="counter"/>, every read is <c>array[counter]</c>, and no plain text names it.</summary>
    private static bool AtCounter(EquatableArray<Step> body, string array, string counter, System.Func<int, string> name) => body.All(s =>
        (s is not Contribute c || name(c.Target) != array || c.Index == counter)
        && SingleUseAdjoints.Texts(s).All(t => Enumerable.Range(0, t.Refs.Length).All(r => name(t.Refs[r]) != array || t.Text[r + 1].StartsWith("[" + counter + "]", System.StringComparison.Ordinal)))
        && !SingleUseAdjoints.RawTexts(s).Any(raw => SingleUseAdjoints.NamedIn(raw, array)));

    /// <summary>The body only adds into the array (never reads it).</summary>
    private static bool OnlyAdded(EquatableArray<Step> body, string array, System.Func<int, string> name) => body.All(s =>
        (s is not Contribute c || name(c.Target) != array || c.How == Accumulation.Add)
        && SingleUseAdjoints.Texts(s).All(t => t.Refs.All(r => name(r) != array))
        && !SingleUseAdjoints.RawTexts(s).Any(raw => SingleUseAdjoints.NamedIn(raw, array)));

    /// <summary>
    /// In the fused body (<paramref name="split"/>: where the second part starts, at the counter copy), a slot the first part
    /// adds into and the second reads into a new adjoint and zeroes, with no step between naming the array, is read once.
    /// </summary>
    private static List<Step> InRegister(List<Step> steps, int split, string c1, string c2, System.Func<int, string> name)
    {
        for (int a = 0; a < split; a++)
        {
            if (steps[a] is not Contribute { How: Accumulation.Add, Index: { } i1 } add || i1 != c1) continue;
            string array = name(add.Target);
            // The names the added value reads: no step between may write them.
            var reads = new HashSet<string>(add.Value.Refs.Select(name));
            foreach (var piece in add.Value.Text) reads.UnionWith(Words(piece));
            for (int r = a + 1; r < steps.Count; r++)
            {
                var s = steps[r];
                if (s is SetLocal set && reads.Contains(set.Name) || s is Contribute { Index: null } w && reads.Contains(name(w.Target))) break;
                if (r > split && s is Contribute { Index: null, How: Accumulation.Declare, Negative: false } read && read.Value.Refs.Length == 1
                    && name(read.Value.Refs[0]) == array && read.Value.Text[0].Length == 0 && read.Value.Text[1] == "[" + c2 + "]"
                    && r + 1 < steps.Count && steps[r + 1] is Contribute { How: Accumulation.Assign, Index: { } i2 } zero && i2 == c2 && name(zero.Target) == array
                    && FusedSums.IsZero(zero.Value))
                {
                    var value = AdjointText.Concat(read.Value, AdjointText.Plain(add.Negative ? " - (" : " + ("), add.Value, AdjointText.Plain(")"));
                    steps[r] = read with { Value = value };
                    steps.RemoveAt(a);
                    return steps;
                }
                if (Names(s, array, name)) break;
            }
        }
        return steps;
    }

    private static bool Names(Step s, string array, System.Func<int, string> name) =>
        s is Contribute c && name(c.Target) == array
        || SingleUseAdjoints.Texts(s).Any(t => t.Refs.Any(r => name(r) == array))
        || SingleUseAdjoints.RawTexts(s).Any(raw => SingleUseAdjoints.NamedIn(raw, array));

    internal static string Replace(string text, string from, string to) =>
        from == to ? text : Regex.Replace(text, @"(?<![\w@])" + Regex.Escape(from) + @"(?!\w)", to);

    internal static HashSet<string> Words(string text) =>
        new(Regex.Matches(text, @"@?[\p{L}_][\p{L}\p{Nd}_]*").Cast<Match>().Select(m => m.Value));
}
