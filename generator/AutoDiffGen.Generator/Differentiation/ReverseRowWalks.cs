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
    /// <summary>The program with its row walks merged; <paramref name="sharePops"/>: a row's element another member tapes read from that member's block (ReverseRowWalkSharedPops), off only to compare with it, in tests.</summary>
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph, bool sharePops = true)
    {
        // One merge per round, each from the program as it now stands (the counts of what names an array stay exact).
        for (int round = 0; round < 16; round++)
        {
            if (Once(program, graph, sharePops) is not { } next) return program;
            program = next;
        }
        return program;
    }

    private static AdjointProgram? Once(AdjointProgram program, ComputationGraph graph, bool sharePops)
    {
        var flat = StepTree.Flatten(program.Body);
        if (!flat.OfType<ReverseLoop>().Any(l => l.Body.Any(s => s is ReverseLoop))) return null;
        var adjoints = program.Adjoints;
        var context = new Context(graph, adjoints, flat) { SharePops = sharePops };
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
        if (context.DroppedPushes.Count > 0) body = DropPushes(body, context.DroppedPushes);
        return done ? program with { Body = body } : null;
    }

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
}
