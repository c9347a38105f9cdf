using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// The merged row walk's slot of a local adjoint array at the row counter, held in a local across the loops' bodies
/// (issue 12, perf15b; <c>Gen10</c>'s <c>dQxI</c> and <c>dXcAt1</c>): the GMM's <c>dQx[i]</c> is assigned by the
/// <c>sq</c> reverse and read again by the centring, <c>dXc[i]</c> stored by the triangle's slot sum (<see cref="SlotSums"/>)
/// and read and zeroed by the centring; each reload is a load the JIT cannot forward (another array may be the same one).
/// The slot is loaded once (or set by its first assignment), every touch at the counter reads or writes the local, and it
/// is stored once, after the last write.
/// <para>
/// Sound when nothing touches slot i between the load and the store but these touches: every touch of the array in the
/// iteration is either at the counter (the counter or a name set once to it earlier in the body, at the body's top level,
/// not inside a branch or an inner loop, but for <see cref="SlotSums"/>' guarded store) or "above" (inside an inner loop
/// over [i + k, U) with k ≥ 1: slots other than i). The array is a local one (no other name reaches it), and each
/// iteration stores what it changed before the next one starts, so memory is current at every iteration's end. The
/// slot sum's guard (the index in range) is true in every run that does not throw: at least one touch at the counter is
/// unconditional and unguarded, so a run with the index out of range throws as before (the load or store is unguarded).
/// </para>
/// </summary>
internal static partial class ReverseRowWalks
{
    /// <summary>The merged body with each qualifying array's row slot held in a local.</summary>
    private static List<Step> HoldSlots(List<Step> body, string counter, List<Member> members, Context cx)
    {
        foreach (var array in members.SelectMany(m => m.Sites).Select(s => s.Array).Where(cx.LocalArrays.Contains).Distinct().ToList())
        {
            var sites = members.SelectMany(m => m.Sites).Where(s => s.Array == array).ToList();
            // Any touch neither at the counter nor proved above, or at the counter inside an inner loop or branch (the slot
            // sum's store aside, matched below), and the slot is left in memory.
            if (sites.Any(s => s.Where == Where.Other)) continue;
            if (HoldOne(body, array, counter, sites.Count(s => s.Where == Where.At && !s.TopLevel), cx) is { } held) body = held;
        }
        return body;
    }

    private enum Touch { None, Read, GuardedLoad, Add, Assign, Zero, GuardedStore }

    private static List<Step>? HoldOne(List<Step> body, string array, string counter, int nestedAt, Context cx)
    {
        if (cx.Flat.OfType<NewAdjointArray>().Where(a => cx.Name(a.Node) == array).Select(a => a.Node).ToList() is not [var node]) return null;
        var elementType = cx.Graph.Nodes[node].TypeName switch { "double[]" => ScalarType.Double, "float[]" => ScalarType.Float, _ => (ScalarType?)null };
        if (elementType is not { } type) return null;
        var bodyFlat = StepTree.Flatten(new EquatableArray<Step>(body.ToArray()));
        // Names equal to the counter from where they are set on: set once in the body, at its top level, to the counter or such a name.
        var aliases = new HashSet<string> { counter };
        var touches = new Touch[body.Count];
        var indices = new string[body.Count];
        int guardedStores = 0;
        for (int t = 0; t < body.Count; t++)
        {
            var s = body[t];
            if (s is SetLocal set && aliases.Contains(set.Value) && SetOnlyHere(bodyFlat, set, cx))
            {
                aliases.Add(set.Name);
            }
            if (!StepTree.Flatten(new EquatableArray<Step>(new[] { s })).Any(x => Names(x, array, cx))) continue;
            var (touch, index) = Classify(s, array, aliases, cx);
            if (touch == Touch.None)
            {
                // A step naming the array only above the row: an inner loop (its sites were proved above, none at the counter).
                if (s is ReverseLoop) continue;
                return null;
            }
            if (touch == Touch.GuardedStore) guardedStores++;
            touches[t] = touch;
            indices[t] = index!;
        }
        var at = Enumerable.Range(0, body.Count).Where(t => touches[t] != Touch.None).ToList();
        // Every nested touch at the counter is the slot sum's store, and one touch is unconditional, unguarded.
        if (guardedStores != nestedAt || at.Count < 2 || !at.Any(t => touches[t] is Touch.Read or Touch.Add or Touch.Assign or Touch.Zero)) return null;
        var writes = at.Where(t => touches[t] is Touch.Add or Touch.Assign or Touch.Zero or Touch.GuardedStore).ToList();
        int lastWrite = writes.Count > 0 ? writes[writes.Count - 1] : -1;
        bool zeroLast = lastWrite >= 0 && touches[lastWrite] == Touch.Zero && at[at.Count - 1] == lastWrite;
        string held = cx.Names.Fresh(array + "Row");
        string keyword = ScalarLiterals.TypeKeyword(type);
        string zero = ScalarLiterals.Zero(type);
        var result = new List<Step>();
        for (int t = 0; t < body.Count; t++)
        {
            var s = body[t];
            if (touches[t] == Touch.None)
            {
                result.Add(s);
                continue;
            }
            string index = indices[t];
            bool first = t == at[0];
            if (first && touches[t] is Touch.Assign or Touch.Zero)
            {
                var c = (Contribute)s;
                result.Add(new NewAdjointLocal(keyword, held, touches[t] == Touch.Zero ? AdjointText.Plain(zero) : c.Negative ? SingleUseAdjoints.Negated(c.Value) : c.Value));
            }
            else
            {
                if (first) result.Add(new NewAdjointLocal(keyword, held, AdjointText.Concat(AdjointText.Of(node), AdjointText.Plain("[" + index + "]"))));
                if (t == lastWrite && zeroLast)
                {
                    // The last touch zeroes the slot: that is the store.
                    result.Add(s);
                    continue;
                }
                result.Add(touches[t] switch
                {
                    Touch.Read => Reread(s, array, index, held, cx),
                    Touch.GuardedLoad => ((NewAdjointLocal)s) with { Value = AdjointText.Plain(held) },
                    Touch.Add => SlotSums.Retarget(new EquatableArray<Step>(new[] { s }), array, index, held, cx.Name)[0],
                    Touch.Assign => new SetLocal(held, (((Contribute)s).Negative ? SingleUseAdjoints.Negated(((Contribute)s).Value) : ((Contribute)s).Value).Render(cx.Name)),
                    Touch.Zero => new SetLocal(held, zero),
                    _ => new SetLocal(held, ((Contribute)((Branch)s).Then[0]).Value.Render(cx.Name)),
                });
            }
            if (t == lastWrite) result.Add(new Contribute(node, index, AdjointText.Plain(held), Accumulation.Assign));
        }
        return result;
    }

    /// <summary>Whether <paramref name="set"/> is the body's one assignment of its name.</summary>
    private static bool SetOnlyHere(List<Step> bodyFlat, SetLocal set, Context cx) =>
        bodyFlat.Count(x => x is SetLocal o && o.Name == set.Name) == 1
        && !bodyFlat.Any(x => x is NewLocal n && n.Name == set.Name || x is Increment i && i.Name == set.Name
            || x is TapePop p && cx.Graph.Nodes[p.Node].Name == set.Name || x is Compute c && cx.Graph.Nodes[c.Node].Name == set.Name
            || x is DeclareLocal d && cx.Graph.Nodes[d.Node].Name == set.Name || x is ReverseLoop r && (r.Countdown == set.Name || r.Walk?.Counter == set.Name));

    /// <summary>How a top-level step touches slot i of the array, and the index it names; None for any other use.</summary>
    private static (Touch, string?) Classify(Step s, string array, HashSet<string> aliases, Context cx)
    {
        switch (s)
        {
            case Contribute c when cx.Name(c.Target) == array:
                if (c.Index is not { } index || !aliases.Contains(index) || ReadsAt(c.Value, array, cx) is not { Count: 0 }) return (Touch.None, null);
                return (c.How == Accumulation.Add ? Touch.Add : c.How != Accumulation.Assign ? Touch.None : FusedSums.IsZero(c.Value) && !c.Negative ? Touch.Zero : Touch.Assign, index);
            case NewAdjointLocal l when SlotLoad(l.Value, array, aliases, cx) is { } loaded:
                return (Touch.GuardedLoad, loaded);
            case Branch { Else: null } b when b.Then.Length == 1 && b.Then[0] is Contribute { Index: { } stored, How: Accumulation.Assign, Negative: false } c
                && cx.Name(c.Target) == array && aliases.Contains(stored) && b.Condition == SlotSums.InRange(stored, array)
                && c.Value.Refs.IsEmpty && !SingleUseAdjoints.NamedIn(c.Value.Text[0], array):
                return (Touch.GuardedStore, stored);
            case Contribute or NewAdjointLocal or AddToLocal:
                if (SingleUseAdjoints.RawTexts(s).Any(r => SingleUseAdjoints.NamedIn(r, array))) return (Touch.None, null);
                var reads = ReadsAt(SingleUseAdjoints.Texts(s).Single(), array, cx);
                return reads is { Count: > 0 } && reads.All(aliases.Contains) && reads.Distinct().Count() == 1 ? (Touch.Read, reads[0]) : (Touch.None, null);
            default:
                return (Touch.None, null);
        }
    }

    /// <summary>The indices the text reads the array at (<c>array[name]</c>), or null for any other use of it.</summary>
    private static List<string>? ReadsAt(AdjointText text, string array, Context cx)
    {
        var result = new List<string>();
        for (int r = 0; r < text.Refs.Length; r++)
        {
            if (cx.Name(text.Refs[r]) != array) continue;
            var m = System.Text.RegularExpressions.Regex.Match(text.Text[r + 1], @"^\[(?<i>@?\w+)\]");
            if (!m.Success) return null;
            result.Add(m.Groups["i"].Value);
        }
        return text.Text.Any(t => SingleUseAdjoints.NamedIn(t, array)) ? null : result;
    }

    /// <summary>The slot sum's load, <c>i &gt;= 0 &amp;&amp; i &lt; a.Length ? a[i] : 0</c>: its index.</summary>
    private static string? SlotLoad(AdjointText value, string array, HashSet<string> aliases, Context cx)
    {
        if (value.Refs.Length != 1 || cx.Name(value.Refs[0]) != array) return null;
        var m = System.Text.RegularExpressions.Regex.Match(value.Text[1], @"^\[(?<i>@?\w+)\] : (?<z>.+)$");
        if (!m.Success || !aliases.Contains(m.Groups["i"].Value)) return null;
        string index = m.Groups["i"].Value;
        return value.Text[0] == SlotSums.InRange(index, array) + " ? " && FusedSums.IsZero(AdjointText.Plain(m.Groups["z"].Value)) ? index : null;
    }

    /// <summary>The step with its reads of the array's slot made reads of the held local.</summary>
    private static Step Reread(Step s, string array, string index, string held, Context cx)
    {
        AdjointText Swap(AdjointText text)
        {
            var parts = new List<AdjointText> { AdjointText.Plain(text.Text[0]) };
            for (int r = 0; r < text.Refs.Length; r++)
            {
                string after = text.Text[r + 1];
                string slot = "[" + index + "]";
                // By name: the array's versions (qx, qx_3) are nodes of their own with one adjoint array.
                bool hit = cx.Name(text.Refs[r]) == array && after.StartsWith(slot, System.StringComparison.Ordinal);
                parts.Add(hit ? AdjointText.Plain(held) : AdjointText.Of(text.Refs[r]));
                parts.Add(AdjointText.Plain(hit ? after.Substring(slot.Length) : after));
            }
            return AdjointText.Concat(parts.ToArray());
        }
        return s switch
        {
            Contribute c => c with { Value = Swap(c.Value) },
            NewAdjointLocal l => l with { Value = Swap(l.Value) },
            AddToLocal l => l with { Value = Swap(l.Value) },
            _ => s,
        };
    }
}
