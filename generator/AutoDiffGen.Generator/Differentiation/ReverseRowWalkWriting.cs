using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// The rewrite of a group <see cref="ReverseRowWalks"/> proved sound: one walk over the rows, each loop's tape values read
/// by index from its block, the slots at the counter held in locals (<c>HoldSlots</c>).
/// </summary>
internal static partial class ReverseRowWalks
{
    /// <summary>The merged walk and what goes before and after it (the declarations and copies between the loops first), in place of the group.</summary>
    private static List<Step> Written(List<Step> block, List<int> at, List<Member> members, List<List<Step>> bodies, Context cx)
    {
        var w1 = members[0].Walk;
        // A row's element another member tapes at the same index is read from that member's block (ReverseRowWalkSharedPops).
        if (cx.SharePops) SharePops(members, bodies, cx);
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
        // Each pop's read from its block: iteration i's p-th pop of member k is entry base_k + (i − entry)·P + (P − 1 − p).
        var reads = new Dictionary<(int, TapePop), string>();
        for (int k = 0; k < members.Count; k++)
        {
            var counts = bodies[k].OfType<TapePop>().GroupBy(p => p.Tape).ToDictionary(g => g.Key, g => g.Count());
            var seen = new Dictionary<TapeName, int>();
            foreach (var pop in bodies[k].OfType<TapePop>())
            {
                int p = seen.TryGetValue(pop.Tape, out var n) ? n : 0;
                seen[pop.Tape] = p + 1;
                int count = counts[pop.Tape];
                string offset = count == 1 ? step : step + " * " + count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " + " + (count - 1 - p).ToString(System.Globalization.CultureInfo.InvariantCulture);
                reads[(k, pop)] = pop.Tape.Name + "[" + bases[(k, pop.Tape.Name)] + " + " + offset + "]";
            }
        }
        var merged = new List<Step>();
        // A value already read for another member (a SharedPop, earlier in the walk) is not loaded again: its local is not
        // written after its read (only inner reverse loops read it, ReverseRowWalkSharedPops).
        var readInto = new Dictionary<(int, TapePop), string>();
        for (int k = 0; k < members.Count; k++)
        {
            if (k > 0) merged.Add(new SetLocal(members[k].Walk.Counter, w1.Counter));
            foreach (var s in bodies[k])
            {
                if (s is Dropped) continue;
                var (pop, value) = s switch
                {
                    TapePop p => (p, readInto.TryGetValue((k, p), out var local) ? local : reads[(k, p)]),
                    SharedPop shared => (shared.Pop, reads[(shared.Source, shared.From)]),
                    _ => (null, ""),
                };
                if (pop is null)
                {
                    merged.Add(s);
                    continue;
                }
                var node = cx.Graph.Nodes[pop.Node];
                if (s is SharedPop read && pop.Declare) readInto[(read.Source, read.From)] = node.Name;
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
