using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// One element taped once for two loops of a merged row walk (issue 12, perf16; <c>Gen12</c> in benchmarks/gmm-probe): the
/// GMM's triangle row pushes <c>xc[i]</c> (its <c>element8</c>, read before the inner loop) and the Q·x loop before it pushes
/// <c>xc[id]</c> (<c>element5</c>) at the same index in the same iteration of the walk; the row's push is dropped and its
/// reverse reads the Q·x loop's entry.
/// <para>
/// The rule, for a value B the row loop (a member with an inner loop) pops and a value A another member pops from the same
/// tape: both are element reads of one array version (one node: no store into the array between them, a store makes a new
/// version) at their own loop's counter, which in the walk's iteration i both equal i (the walk's members run over one range
/// from one entry, step 1), so at the iteration that pushed them A = B. A is pushed unguarded (no <c>GuardedRead</c>). B may
/// be read before its inner loop under that loop's first test (<c>ReadsBeforeLoop</c>: then B is 0 in a row whose inner loop
/// does not run), so B's name may be read only inside the row's inner reverse loops, which run exactly when that test held:
/// every read of B sees A's value there. B is pushed once and popped once in the whole program (so dropping its push changes
/// no other loop's entries), and the row member's block of the tape shrinks by one entry per iteration on both sides: the
/// forward pushes one value fewer, the walk's bases count one pop fewer.
/// </para>
/// </summary>
internal static partial class ReverseRowWalks
{
    /// <summary>A pop the walk reads from another member's block: <paramref name="From"/> of member <paramref name="Source"/>.</summary>
    private sealed record SharedPop(TapePop Pop, int Source, TapePop From) : Step;

    /// <summary>Each row member's pop that equals another member's pop, marked in <paramref name="bodies"/>; the pushes to drop named in <paramref name="cx"/>.</summary>
    private static void SharePops(List<Member> members, List<List<Step>> bodies, Context cx)
    {
        var flat = cx.Flat;
        for (int kb = 0; kb < members.Count; kb++)
        {
            if (!members[kb].HasInnerLoop) continue;
            for (int t = 0; t < bodies[kb].Count; t++)
            {
                if (bodies[kb][t] is not TapePop b || Element(b.Node, members[kb].Walk.Counter, cx) is not { } arrayB) continue;
                string name = cx.Graph.Nodes[b.Node].Name;
                if (flat.Count(s => s is TapePop p && p.Node == b.Node) != 1 || Pushes(flat, b.Tape, name) != 1) continue;
                if (bodies[kb].Where((s, i) => i != t).Any(s => Mentions(s, name, cx))) continue;
                for (int ka = 0; ka < members.Count && bodies[kb][t] == b; ka++)
                {
                    if (ka == kb) continue;
                    var a = bodies[ka].OfType<TapePop>().FirstOrDefault(p => p.Tape == b.Tape && Element(p.Node, members[ka].Walk.Counter, cx) == arrayB
                        && !flat.Any(s => s is GuardedRead g && g.Node == p.Node) && Pushes(flat, p.Tape, cx.Graph.Nodes[p.Node].Name) == 1);
                    if (a is null) continue;
                    bodies[kb][t] = new SharedPop(b, ka, a);
                    cx.DroppedPushes.Add((b.Tape, name));
                }
            }
        }
    }

    /// <summary>The array version node an element read at <c>[counter]</c> reads, or null for any other node.</summary>
    private static int? Element(int node, string counter, Context cx)
    {
        var n = cx.Graph.Nodes[node];
        if (n.Gate != GateKind.Element || n.Inputs.Length != 2 || n.IsInline) return null;
        return Operands.Of(cx.Graph.Nodes, n, 1) == counter ? n.Inputs[0] : null;
    }

    /// <summary>How many pushed values in the program are <paramref name="name"/> on <paramref name="tape"/>.</summary>
    private static int Pushes(List<Step> flat, TapeName tape, string name) =>
        flat.OfType<TapePush>().Sum(p => p.Values.Count(v => v.Tape == tape && v.Value == name));

    /// <summary>
    /// Whether a top-level step of the row's body may read <paramref name="name"/> outside an inner reverse loop's body: an
    /// inner loop only through its count and walk; any step the rule does not know counts as a read.
    /// </summary>
    private static bool Mentions(Step s, string name, Context cx)
    {
        bool In(string text) => ReverseLoopFusion.Words(text).Contains(name);
        return s switch
        {
            Comment or Blank => false,
            ReverseLoop r => SingleUseAdjoints.RawTexts(r).Any(In),
            TapePop p => cx.Graph.Nodes[p.Node].Name == name,
            Branch br => In(br.Condition) || br.Then.Any(x => Mentions(x, name, cx)) || br.Else is { } e && e.Any(x => Mentions(x, name, cx)),
            DeclareLocal d => cx.Graph.Nodes[d.Node].Name == name,
            Compute c => cx.Graph.Nodes[c.Node].Name == name || In(cx.Graph.Nodes[c.Node].Text) || cx.Graph.Nodes[c.Node].Inputs.Any(i => cx.Graph.Nodes[i].Name == name),
            SetLocal or NewLocal or NewAdjointLocal or AddToLocal or Contribute =>
                SingleUseAdjoints.RawTexts(s).Any(In) || SingleUseAdjoints.Texts(s).Any(t => In(t.Render(cx.Name))) || s is NewAdjointLocal { Name: var n } && n == name,
            _ => true,
        };
    }

    /// <summary>The program with each dropped value taken out of its push (and its room), a push left empty removed.</summary>
    private static EquatableArray<Step> DropPushes(EquatableArray<Step> body, List<(TapeName Tape, string Name)> dropped) =>
        StepTree.Rewrite(body, block =>
        {
            var result = new List<Step>();
            foreach (var step in block)
            {
                if (step is not TapePush push || !push.Values.Any(v => dropped.Contains((v.Tape, v.Value))))
                {
                    result.Add(step);
                    continue;
                }
                var values = push.Values.Where(v => !dropped.Contains((v.Tape, v.Value))).ToList();
                if (values.Count == 0) continue;
                var room = push.Room.Select(r => r with { Count = values.Count(v => v.Tape == r.Tape) }).Where(r => r.Count > 0);
                result.Add(push with { Room = room.ToEquatableArray(), Values = values.ToEquatableArray() });
            }
            return result;
        });
}
