using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Adjacent reverse loops over one range, one of them a row walk (its body holds an inner loop), walked back as one
/// (issue 12, perf15; `Gen10` in benchmarks/gmm-probe): the GMM's reverse of <c>sq += qx[id]²</c>, of the triangle
/// <c>qx[j] += L[li]·xc[i]</c> (rows i, elements j &gt; i) and of the centring and Q·x walk, which the hand-written gradient
/// does in one walk over the rows. Each loop's tape values are read by index from its block of the tape instead of popped.
/// <para>
/// Walked as one, iteration i runs the loops' iterations i in their order, from the last i down: loop q's iteration i′ now
/// runs before loop p's iteration i (p before q) whenever i′ &gt; i. The result is the same when no such pair touches one
/// thing with a write:
/// <list type="bullet">
/// <item>Scalars: a name one loop writes (its counter included) is named by no other; no two declare one name; none writes
/// a name the range reads. So each scalar keeps its order of reads and writes.</item>
/// <item>Adjoint arrays named by one loop keep their order; a parameter's (two may be one array a caller passed twice) only
/// added into. A local adjoint array two loops name is touched only at the loop's counter i ("at") or, inside an inner loop
/// over [i + k, U) with k ≥ 1 and U the rows' own bound, at its counter ("above": slots in (i, last row]). At-at pairs
/// meet at different slots (i ≠ i′); an earlier loop's "at" never meets a later loop's "above" (i &lt; i′ &lt; slot). Only an
/// earlier loop's "above" against a later loop's "at" or "above" can meet, so neither may write there.</item>
/// <item>The one exception, the GMM's <c>dQx</c>: the first loop adds into slot i, later ones read it (above or at), the last
/// reads it and then zeroes it (the overwritten <c>qx[id]</c>'s adjoint), and nothing else in the method names the array.
/// Then every run of these loops finds the array all zero (fresh at first, zeroed over the whole range after each run, and
/// written nowhere else), so the add is an assignment of the same value; and every read is of a slot the first loop
/// assigned earlier in the same run, above or at its own row. The zeroing is dropped and the add assigns: the reads see
/// the same values, and the stale slots left behind are never read (a run reads only slots of its own range, each assigned
/// before it is read).</item>
/// </list>
/// Tape values: each loop pops the same number P of values from a tape per iteration, at the top of its body, over the same
/// trip count r; loop k's values are the r·P entries below the previous loop's, so iteration i's p-th pop is entry
/// <c>base_k + (i − entry)·P + (P − 1 − p)</c>, and the tape's top moves down by all of them once, before the walk.
/// </para>
/// </summary>
internal static partial class ReverseRowWalks
{
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph)
    {
        // One merge per round, each from the program as it now stands (the counts of what names an array stay exact).
        for (int round = 0; round < 16; round++)
        {
            if (Once(program, graph) is not { } next) return program;
            program = next;
        }
        return program;
    }

    private static AdjointProgram? Once(AdjointProgram program, ComputationGraph graph)
    {
        var flat = StepTree.Flatten(program.Body);
        if (!flat.OfType<ReverseLoop>().Any(l => l.Body.Any(s => s is ReverseLoop))) return null;
        var adjoints = program.Adjoints;
        var context = new Context(graph, adjoints, flat);
        bool done = false;
        var body = StepTree.Rewrite(program.Body, block =>
        {
            if (done) return block;
            for (int i = 0; i < block.Count; i++)
            {
                if (block[i] is not ReverseLoop) continue;
                var members = new List<int> { i };
                for (int k = i + 1; k < block.Count; k++)
                {
                    if (block[k] is ReverseLoop) members.Add(k);
                    else if (block[k] is not (DeclareLocal or Comment or Blank or SetLocal or Contribute { Index: null })) break;
                }
                for (int count = members.Count; count >= 2; count--)
                {
                    if (Merge(block, members.Take(count).ToList(), context) is not { } merged) continue;
                    done = true;
                    return merged;
                }
            }
            return block;
        });
        return done ? program with { Body = body } : null;
    }

    /// <summary>What the rule reads of the whole program.</summary>
    private sealed class Context(ComputationGraph graph, EquatableArray<string> adjoints, List<Step> flat)
    {
        public ComputationGraph Graph { get; } = graph;
        public EquatableArray<string> Adjoints { get; } = adjoints;
        public List<Step> Flat { get; } = flat;
        public SlotSums.Names Names { get; } = new(graph, adjoints, flat);
        public HashSet<string> LocalArrays { get; } = new(flat.OfType<NewAdjointArray>().Select(a => adjoints[a.Node]));
        // Adjoint arrays: local arrays' and every adjoint a contribution writes at an index (a parameter's array or span).
        public HashSet<string> Arrays { get; } = new(graph.Nodes.Where(n => n.Type == ScalarType.Array).Select(n => adjoints[n.Id])
            .Concat(flat.OfType<Contribute>().Where(c => c.Index is not null).Select(c => adjoints[c.Target])).Where(a => a.Length > 0));
        public string Name(int node) => Adjoints[node];
    }

    /// <summary>One loop of the group: its steps' names and its tape pops.</summary>
    private sealed class Member(ReverseLoop loop)
    {
        public ReverseLoop Loop { get; } = loop;
        public CounterWalk Walk => Loop.Walk!;
        public HashSet<string> Declared { get; } = new();
        public HashSet<string> Written { get; } = new();
        public HashSet<string> Words { get; } = new();
        public List<Site> Sites { get; } = new();
        public bool HasInnerLoop { get; set; }

        /// <summary>Locals the body sets once, at its top level, to the counter (<c>id_4 = id_7</c>): the counter from there on.</summary>
        public HashSet<string> Aliases { get; } = new();
    }

    private enum Access { Read, Add, Assign, Zero }

    /// <summary>A zeroing the rule dropped, until the merged body is written.</summary>
    private sealed record Dropped : Step
    {
        public static readonly Dropped Instance = new();
    }

    private enum Where { At, Above, Other }

    /// <summary>A touch of an adjoint array's slot: <paramref name="Top"/> is the body's top-level step that holds it.</summary>
    private sealed record Site(string Array, Access Access, Where Where, int Top, bool TopLevel);

    private static List<Step>? Merge(List<Step> block, List<int> at, Context cx)
    {
        var loops = at.Select(i => (ReverseLoop)block[i]).ToList();
        var first = loops[0];
        if (first.Walk is not { Down: false } w1 || first.TripLocal is not { } t1) return null;
        var before = block.Take(at[0]).ToList();
        // The rows' range [entry, U): the only trip text "above" can be proved against.
        var range = Regex.Match(t1, @"^\((?<e>@?\w+) < (?<u>.+) \? unchecked\(\k<u> - \k<e>\) : 0\)$");
        if (!range.Success || range.Groups["e"].Value != w1.Entry) return null;
        string bound = range.Groups["u"].Value;
        var members = new List<Member>();
        foreach (var loop in loops)
        {
            if (loop.Walk is not { Down: false } w || loop.TripTape is not null || loop.TripLocal is not { } t) return null;
            if (ReverseLoopFusion.Replace(t, w.Entry, w1.Entry) != t1 || !ReverseLoopFusion.SameEntry(w1.Entry, w.Entry, before, cx.Graph)) return null;
            if (Describe(loop, bound, cx) is not { } member) return null;
            members.Add(member);
        }
        if (!members.Any(m => m.HasInnerLoop) || members.Select(m => m.Walk.Counter).Distinct().Count() != members.Count) return null;
        var rangeWords = ReverseLoopFusion.Words(t1 + " " + string.Join(" ", members.Select(m => m.Walk.Entry)));
        for (int p = 0; p < members.Count; p++)
        {
            var mine = members[p];
            if (mine.Written.Overlaps(rangeWords) || mine.Written.Contains(mine.Walk.Counter)) return null;
            var outward = new HashSet<string>(mine.Written.Where(n => !mine.Declared.Contains(n))) { mine.Walk.Counter };
            for (int q = 0; q < members.Count; q++)
            {
                if (q == p) continue;
                if (outward.Overlaps(members[q].Words) || mine.Declared.Overlaps(members[q].Words) || mine.Declared.Overlaps(members[q].Declared)) return null;
                // Another loop's counter is written by the merged walk: none may name it but its own.
                if (mine.Words.Contains(members[q].Walk.Counter)) return null;
            }
        }
        // A copy between the loops (a carried adjoint handed on, `dTotal_1 = dTotal_2;`) moves before the walk when no loop
        // names what it sets or sets what it reads, and it sets nothing the range reads: it commutes with every iteration.
        for (int i = at[0] + 1; i < at[at.Count - 1]; i++)
        {
            (string Name, string Value)? copy = block[i] switch
            {
                SetLocal set => (set.Name, set.Value),
                Contribute { Index: null } c => (cx.Name(c.Target), c.Value.Render(cx.Name)),
                _ => null,
            };
            if (copy is not { } moved) continue;
            var reads = ReverseLoopFusion.Words(moved.Value);
            if (rangeWords.Contains(moved.Name) || members.Any(m => m.Words.Contains(moved.Name) || m.Written.Overlaps(reads) || m.Walk.Counter == moved.Name || reads.Contains(m.Walk.Counter))) return null;
        }
        var bodies = members.Select(m => m.Loop.Body.ToList()).ToList();
        foreach (var array in members.SelectMany(m => m.Sites).Select(s => s.Array).Distinct().ToList())
        {
            var named = Enumerable.Range(0, members.Count).Where(k => members[k].Sites.Any(s => s.Array == array)).ToList();
            bool local = cx.LocalArrays.Contains(array);
            if (named.Count == 1)
            {
                if (!local && members[named[0]].Sites.Any(s => s.Array == array && s.Access != Access.Add)) return null;
                continue;
            }
            if (!local) return null;
            if (Conflicts(members, named, array))
            {
                if (!ZeroDropped(members, bodies, named, array, cx) || Conflicts(members, named, array, assignedFirst: true)) return null;
            }
        }
        return Written(block, at, members, bodies, cx);
    }

    /// <summary>
    /// Whether an earlier loop's "above" meets a later loop's "at" or "above" with a write, or a site is neither.
    /// <paramref name="assignedFirst"/>: with the first loop's add made an assignment and the last loop's zero dropped.
    /// </summary>
    private static bool Conflicts(List<Member> members, List<int> named, string array, bool assignedFirst = false)
    {
        var sites = named.Select(k => members[k].Sites.Where(s => s.Array == array && !(assignedFirst && k == named[named.Count - 1] && s.Access == Access.Zero)).ToList()).ToList();
        if (sites.Any(list => list.Any(s => s.Where == Where.Other))) return true;
        for (int p = 0; p < sites.Count; p++)
        {
            for (int q = p + 1; q < sites.Count; q++)
            {
                foreach (var a in sites[p].Where(s => s.Where == Where.Above))
                {
                    if (sites[q].Any(b => a.Access != Access.Read || b.Access != Access.Read)) return true;
                }
            }
        }
        return false;
    }

    /// <summary>
    /// The exception in the summary: the first loop's one touch is an unconditional add at i, the loops between only read,
    /// the last reads at i and then zeroes slot i unconditionally, and no step outside these loops but the array's creation
    /// names it. Rewrites <paramref name="bodies"/> (the add assigns, the zero goes) and the members' sites.
    /// </summary>
    private static bool ZeroDropped(List<Member> members, List<List<Step>> bodies, List<int> named, string array, Context cx)
    {
        int f = named[0], z = named[named.Count - 1];
        var firstSites = members[f].Sites.Where(s => s.Array == array).ToList();
        if (firstSites.Count != 1 || firstSites[0] is not { Access: Access.Add, Where: Where.At, TopLevel: true } add) return false;
        if (named.Skip(1).Take(named.Count - 2).Any(k => members[k].Sites.Any(s => s.Array == array && s.Access != Access.Read))) return false;
        var lastSites = members[z].Sites.Where(s => s.Array == array).ToList();
        var zeros = lastSites.Where(s => s.Access != Access.Read).ToList();
        if (zeros.Count != 1 || zeros[0] is not { Access: Access.Zero, Where: Where.At, TopLevel: true } zero) return false;
        if (lastSites.Any(s => s.Access == Access.Read && (s.Where != Where.At || s.Top >= zero.Top))) return false;
        // Nothing outside the group names the array, but its creation.
        int inside = named.Sum(k => StepTree.Flatten(members[k].Loop.Body).Count(s => Names(s, array, cx)));
        int all = cx.Flat.Count(s => s is not NewAdjointArray && Names(s, array, cx));
        if (all != inside || cx.Flat.OfType<NewAdjointArray>().Count(a => cx.Name(a.Node) == array) != 1) return false;
        var addStep = (Contribute)bodies[f][add.Top];
        bodies[f][add.Top] = addStep with { How = Accumulation.Assign };
        // Marked, not removed: other arrays' sites keep their positions (Written leaves it out).
        bodies[z][zero.Top] = Dropped.Instance;
        return true;
    }

    private static bool Names(Step s, string array, Context cx) =>
        s is Contribute c && cx.Name(c.Target) == array
        || SingleUseAdjoints.Texts(s).Any(t => t.Refs.Any(r => cx.Name(r) == array))
        || SingleUseAdjoints.RawTexts(s).Any(raw => SingleUseAdjoints.NamedIn(raw, array));

    /// <summary>The loop's names and array sites; null when it holds a step the rule does not know or a pop not at its top.</summary>
    private static Member? Describe(ReverseLoop loop, string bound, Context cx)
    {
        var member = new Member(loop);
        var bodyFlat = StepTree.Flatten(loop.Body);
        bool SetOnce(string name) => bodyFlat.Count(s => s is SetLocal set && set.Name == name) == 1
            && !bodyFlat.Any(s => s is TapePop p && cx.Graph.Nodes[p.Node].Name == name || s is Compute c && cx.Graph.Nodes[c.Node].Name == name
                || s is NewLocal l && l.Name == name || s is AddToLocal a && a.Name == name || s is DeclareLocal d && cx.Graph.Nodes[d.Node].Name == name);
        // Inner-loop counters proved to lie above the row's counter: name → the inner loop that sets them.
        for (int top = 0; top < loop.Body.Length; top++)
        {
            var step = loop.Body[top];
            if (step is ReverseLoop inner)
            {
                member.HasInnerLoop = true;
                var above = Above(inner, loop, bound, top, cx);
                foreach (var s in StepTree.Flatten(inner.Body))
                {
                    if (!Note(member, s, top, topLevel: false, above, cx)) return null;
                }
                member.Declared.Add(inner.Countdown);
                member.Written.Add(inner.Countdown);
                if (inner.TripTape is not null || inner.Walk is not null) return null;
                member.Words.UnionWith(ReverseLoopFusion.Words(inner.TripLocal ?? ""));
            }
            else if (step is Branch b)
            {
                member.Words.UnionWith(ReverseLoopFusion.Words(b.Condition));
                if (!RawSites(member, b.Condition, top, cx)) return null;
                foreach (var s in StepTree.Flatten(b.Then).Concat(b.Else is { } e ? StepTree.Flatten(e) : new List<Step>()))
                {
                    if (s is TapePop || !Note(member, s, top, topLevel: false, null, cx)) return null;
                }
            }
            else if (!Note(member, step, top, topLevel: true, null, cx))
            {
                return null;
            }
            if (step is SetLocal alias && alias.Value == loop.Walk!.Counter && SetOnce(alias.Name)) member.Aliases.Add(alias.Name);
        }
        return member;
    }

    /// <summary>The inner loop's counters that lie in [row + k, U) with k ≥ 1: set first in its body to <c>unchecked(J + (countdown − 1))</c>.</summary>
    private static HashSet<string> Above(ReverseLoop inner, ReverseLoop row, string bound, int at, Context cx)
    {
        var result = new HashSet<string>();
        var match = Regex.Match(inner.TripLocal ?? "", @"^\((?<j>@?\w+) < (?<u>.+) \? unchecked\(\k<u> - \k<j>\) : 0\)$");
        if (!match.Success || match.Groups["u"].Value != bound || inner.Walk is not null || inner.TripTape is not null) return result;
        string j = match.Groups["j"].Value;
        // J = row counter + k, computed once in the row's body before the inner loop.
        var defs = row.Body.Take(at).OfType<Compute>().Where(c => cx.Graph.Nodes[c.Node].Name == j).ToList();
        if (defs.Count != 1 || !defs[0].Declare) return result;
        var offset = Regex.Match(cx.Graph.Nodes[defs[0].Node].Text, @"^(?<c>@?\w+) \+ (?<k>\d{1,6})$");
        if (!offset.Success || offset.Groups["c"].Value != row.Walk!.Counter || int.Parse(offset.Groups["k"].Value, System.Globalization.CultureInfo.InvariantCulture) < 1) return result;
        string form = "unchecked(" + j + " + (" + inner.Countdown + " - 1))";
        foreach (var s in inner.Body)
        {
            if (s is not SetLocal set) break;
            if (set.Value == form) result.Add(set.Name);
        }
        // A name set again anywhere else in the row is not proved.
        var flat = StepTree.Flatten(row.Body);
        result.RemoveWhere(name => flat.Count(s => s is SetLocal set && set.Name == name) != 1 || flat.Any(s => s is TapePop p && cx.Graph.Nodes[p.Node].Name == name || s is Compute c && cx.Graph.Nodes[c.Node].Name == name));
        return result;
    }

    /// <summary>Adds a step's names and array sites to the member; false for a step the rule does not know.</summary>
    private static bool Note(Member m, Step s, int top, bool topLevel, HashSet<string>? above, Context cx)
    {
        var graph = cx.Graph;
        switch (s)
        {
            case Comment or Blank:
                return true;
            case TapePop p:
                if (!topLevel || graph.Nodes[p.Node].Type == ScalarType.Adjointable) return false;
                Declare(m, graph.Nodes[p.Node].Name, p.Declare);
                return true;
            case Compute c:
                var node = graph.Nodes[c.Node];
                if (node.Call is not null || Effects.IsEffect(node)) return false;
                Declare(m, node.Name, c.Declare);
                m.Words.UnionWith(ReverseLoopFusion.Words(node.Text));
                m.Words.UnionWith(node.Inputs.Select(i => graph.Nodes[i].Name));
                return true;
            case DeclareLocal d:
                Declare(m, graph.Nodes[d.Node].Name, true);
                return true;
            case NewLocal l:
                Declare(m, l.Name, true);
                m.Words.UnionWith(ReverseLoopFusion.Words(l.Value));
                return RawSites(m, l.Value, top, cx);
            case SetLocal set:
                Declare(m, set.Name, false);
                m.Words.UnionWith(ReverseLoopFusion.Words(set.Value));
                return RawSites(m, set.Value, top, cx);
            case NewAdjointLocal l:
                Declare(m, l.Name, true);
                return TextSites(m, l.Value, top, topLevel, above, cx);
            case AddToLocal l:
                Declare(m, l.Name, false);
                return TextSites(m, l.Value, top, topLevel, above, cx);
            case Contribute c:
                if (!TextSites(m, c.Value, top, topLevel, above, cx)) return false;
                string target = cx.Name(c.Target);
                if (c.Index is not { } index)
                {
                    Declare(m, target, c.How == Accumulation.Declare);
                    return true;
                }
                if (!cx.Arrays.Contains(target)) return false;
                m.Words.Add(target);
                m.Words.UnionWith(ReverseLoopFusion.Words(index));
                var access = c.How == Accumulation.Add ? Access.Add : FusedSums.IsZero(c.Value) && !c.Negative ? Access.Zero : Access.Assign;
                m.Sites.Add(new Site(target, access, Place(index, m, above), top, topLevel));
                return true;
            default:
                return false;
        }
    }

    private static void Declare(Member m, string name, bool declared)
    {
        if (declared) m.Declared.Add(name);
        m.Written.Add(name);
        m.Words.Add(name);
    }

    private static Where Place(string index, Member m, HashSet<string>? above) =>
        index == m.Walk.Counter || m.Aliases.Contains(index) ? Where.At : above is not null && above.Contains(index) ? Where.Above : Where.Other;

    /// <summary>Each adjoint array the text refers to: a read at <c>[index]</c>, or its length; false for any other use.</summary>
    private static bool TextSites(Member m, AdjointText text, int top, bool topLevel, HashSet<string>? above, Context cx)
    {
        m.Words.UnionWith(ReverseLoopFusion.Words(text.Render(cx.Name)));
        for (int r = 0; r < text.Refs.Length; r++)
        {
            string name = cx.Name(text.Refs[r]);
            if (!cx.Arrays.Contains(name)) continue;
            string after = text.Text[r + 1];
            if (after.StartsWith(".Length", System.StringComparison.Ordinal) && (after.Length == 7 || !char.IsLetterOrDigit(after[7]) && after[7] != '_')) continue;
            var index = Regex.Match(after, @"^\[(?<i>@?\w+)\]");
            m.Sites.Add(new Site(name, Access.Read, index.Success ? Place(index.Groups["i"].Value, m, above) : Where.Other, top, topLevel));
        }
        return true;
    }

    /// <summary>Plain text may name an adjoint array only for its length.</summary>
    private static bool RawSites(Member m, string text, int top, Context cx) =>
        cx.Arrays.All(a => !SingleUseAdjoints.NamedIn(Regex.Replace(text, @"(?<![\w@])" + Regex.Escape(a) + @"\.Length(?!\w)", ""), a));

    /// <summary>The merged walk and what goes before and after it (the declarations and copies between the loops first), in place of the group.</summary>
    private static List<Step> Written(List<Step> block, List<int> at, List<Member> members, List<List<Step>> bodies, Context cx)
    {
        var w1 = members[0].Walk;
        string rows = cx.Names.Fresh("rows");
        var prefix = new List<Step>();
        for (int i = at[0] + 1; i < at[at.Count - 1]; i++)
        {
            if (!at.Contains(i)) prefix.Add(block[i]);
        }
        prefix.Add(new NewLocal("int", rows, members[0].Loop.TripLocal!));
        // Each tape's blocks, loop by loop from the top of the tape down.
        var bases = new Dictionary<(int, string), string>();
        var tapes = new List<TapeName>();
        string step = "(" + w1.Counter + " - " + w1.Entry + ")";
        for (int k = 0; k < members.Count; k++)
        {
            foreach (var group in bodies[k].OfType<TapePop>().GroupBy(p => p.Tape))
            {
                var tape = group.Key;
                if (!tapes.Contains(tape)) tapes.Add(tape);
                string previous = bases.Where(b => b.Key.Item2 == tape.Name).Select(b => b.Value).LastOrDefault() ?? tape.Top;
                int count = group.Count();
                string name = cx.Names.Fresh(tape.TypeName + "Rows");
                prefix.Add(new NewLocal("int", name, previous + " - " + (count == 1 ? rows : rows + " * " + count.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                bases[(k, tape.Name)] = name;
            }
        }
        foreach (var tape in tapes) prefix.Add(new SetLocal(tape.Top, bases.Where(b => b.Key.Item2 == tape.Name).Select(b => b.Value).Last()));
        var merged = new List<Step>();
        for (int k = 0; k < members.Count; k++)
        {
            if (k > 0) merged.Add(new SetLocal(members[k].Walk.Counter, w1.Counter));
            var counts = bodies[k].OfType<TapePop>().GroupBy(p => p.Tape).ToDictionary(g => g.Key, g => g.Count());
            var seen = new Dictionary<TapeName, int>();
            foreach (var s in bodies[k])
            {
                if (s is Dropped) continue;
                if (s is not TapePop pop)
                {
                    merged.Add(s);
                    continue;
                }
                int p = seen.TryGetValue(pop.Tape, out var n) ? n : 0;
                seen[pop.Tape] = p + 1;
                int count = counts[pop.Tape];
                string offset = count == 1 ? step : step + " * " + count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " + " + (count - 1 - p).ToString(System.Globalization.CultureInfo.InvariantCulture);
                string value = pop.Tape.Name + "[" + bases[(k, pop.Tape.Name)] + " + " + offset + "]";
                var node = cx.Graph.Nodes[pop.Node];
                merged.Add(pop.Declare ? new NewLocal(node.TypeName, node.Name, value) : new SetLocal(node.Name, value));
            }
        }
        merged = HoldSlots(merged, w1.Counter, members, cx);
        var walk = members[0].Loop with { Body = new EquatableArray<Step>(merged.ToArray()), TripLocal = rows };
        var after = members.Skip(1).Select(m => (Step)new SetLocal(m.Walk.Counter, w1.Counter)).ToList();
        var result = block.Take(at[0]).ToList();
        var rest = block.Skip(at[at.Count - 1] + 1).ToList();
        // An entry set to a literal that nothing reads now loses its declaration (CS0219 in the user's build).
        var kept = prefix.Concat(new Step[] { walk }).Concat(after).Concat(rest).ToList();
        foreach (var entry in members.Skip(1).Select(m => m.Walk.Entry).Where(e => e != w1.Entry).Distinct())
        {
            int declared = result.FindIndex(s => s is Compute c && cx.Graph.Nodes[c.Node].Name == entry);
            if (declared < 0) continue;
            var others = result.Where((s, i) => i != declared).Concat(kept).ToList();
            if (ReverseLoopFusion.Reads(others, entry, cx.Graph, cx.Adjoints) == false) result.RemoveAt(declared);
        }
        result.AddRange(kept);
        return result;
    }
}
