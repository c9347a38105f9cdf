using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// What each loop of a candidate row-walk group touches (<see cref="ReverseRowWalks"/>): its names, the adjoint-array slots it
/// reads or writes and where they lie (at the row counter, above it, or elsewhere), for the soundness check in
/// <c>ReverseRowWalks.Merge</c>.
/// </summary>
internal static partial class ReverseRowWalks
{
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

        /// <summary>Values a merged walk reads from another member's block: their pushes go (ReverseRowWalkSharedPops).</summary>
        public List<(TapeName Tape, string Name)> DroppedPushes { get; } = new();

        /// <summary>Whether ReverseRowWalkSharedPops runs; off only to compare with it, in tests.</summary>
        public bool SharePops { get; init; } = true;
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
}
