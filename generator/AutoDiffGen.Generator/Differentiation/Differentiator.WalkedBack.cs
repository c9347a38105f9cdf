using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A row loop's carried <c>int</c> walked back in the reverse sweep instead of taped once per row (issue 12, perf16;
/// <c>Gen11</c> in benchmarks/gmm-probe): the GMM's triangle index, <c>for (i = 0; i &lt; d; i++) for (j = i + 1; j &lt; d;
/// j++) { qx[j] += L[li] · xc[i]; li++; }</c>, where <c>li</c> at a row's start is the previous row's start plus that row's
/// trip count. Before, each row pushed <c>li</c> and its reverse popped it; now the reverse row subtracts the inner loop's
/// trip count (which its reverse loop computes anyway) from the value the next row started from, and only the value
/// after the last row is restored, by the loop around (taped once per run of the rows, not once per row).
/// <para>
/// The rule: a loop R (the rows, test first) carries an <c>int</c> p whose value at the end of R's body is the exit
/// value of a counter q of a loop I at the top level of R's body; q is recomputed from p (<see cref="AffineCounters"/>:
/// entry p, stepped by a literal ±a at the top level of I's body) and I's trip count T is recomputed text
/// (<see cref="AffineCounters.Trips"/>: a test that is only the comparison, no <c>break</c> or <c>return</c>).
/// </para>
/// <para>
/// Soundness: I runs exactly once per row (the top level of R's body, no branch around it) and exactly T times, and q
/// steps once per iteration, so the row's end value is p ± a·T, exactly (the forward's <c>int</c> arithmetic wraps, and
/// <c>unchecked</c> undoes it the same way): the reverse row restores p = next ∓ a·T. It does so just before I's reverse
/// loop, which reads p (q's entry); nothing else may read p (no node but q has p as an input), so no read of p in the
/// row's reverse comes before it, and T's text must not name p (it would read the value being restored). T's text reads
/// values the reverse loop of I reads for its own count at the same place. The first reverse row (the last row) starts
/// from p's value after R: R is at the top level of its parent loop's body, and that loop saves p after its body (a
/// reader outside R is added, <see cref="Needed"/>) and restores it at the top of its reverse iteration; in a fused
/// parent (<see cref="FusedLoops"/>) p's local still holds it, since nothing but R writes p. Not for checkpointed
/// programs (a segment's reverse restarts mid-loop) nor outside <c>MBackward</c>.
/// </para>
/// <para>
/// Cost rule: per row, one subtraction of a trip count that I's reverse loop computes anyway replaces a push, a pop and
/// their bounds checks; per run of R, one push and one pop are added, so the rule never adds tape traffic unless R runs
/// no row. When I's trip count is taped (not recomputed) the rule does not apply: a pop per row would replace a pop per row.
/// </para>
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>Off only to compare with it, in tests.</summary>
    private readonly bool _walkBack;

    /// <summary>The walk-back of a row's carried counter: its inner loop, and the C# that restores it in the reverse row.</summary>
    private sealed record WalkBack(LoopItem Inner, string Name, string Restore);

    private Dictionary<int, WalkBack>? _walkedBack;

    /// <summary>The carried counters walked back (by phi), found once from the graph alone.</summary>
    private Dictionary<int, WalkBack> WalkedBack()
    {
        if (_walkedBack is not null) return _walkedBack;
        _walkedBack = new Dictionary<int, WalkBack>();
        if (!_walkBack || _policy != SweepPolicy.Backward || _graph.Checkpoint is not null) return _walkedBack;
        foreach (var row in AllLoops(_graph.Body))
        {
            if (!row.ConditionFirst || !Active(row) || _counters.Parent(row) is not { } parent) continue;
            if (!parent.Body.Items.Any(i => ReferenceEquals(i, row)) || !(Fused(parent) || Active(parent))) continue;
            foreach (var inner in row.Body.Items.OfType<LoopItem>())
            {
                if (!Active(inner) || TripsRecomputed(inner) is not { } trips) continue;
                foreach (int q in inner.Phis)
                {
                    var counter = _nodes[q];
                    if (counter.Inputs.Length != 2 || _counters.Stepping(inner, q) is not { } stepping) continue;
                    var p = _nodes[counter.Inputs[0]];
                    if (!row.Phis.Contains(p.Id) || p.TypeName != "int" || p.Inputs.Length != 2 || p.Inputs[1] != q) continue;
                    if (ReverseLoopFusion.Words(trips).Contains(p.Name) || _nodes.Any(n => n.Id != q && n.Inputs.Contains(p.Id))) continue;
                    string amount = stepping.Amount == "1" ? trips : trips + " * " + stepping.Amount;
                    _walkedBack[p.Id] = new WalkBack(inner, p.Name, "unchecked(" + p.Name + (stepping.Step == "+" ? " - " : " + ") + amount + ")");
                }
            }
        }
        return _walkedBack;
    }

    /// <summary>The phi is a counter of <paramref name="loop"/> walked back instead of taped per iteration.</summary>
    private bool WalkedBack(LoopItem loop, int phi) =>
        WalkedBack().TryGetValue(phi, out _) && loop.Phis.Contains(phi);

    /// <summary>Needed: a walked-back counter is read outside its loop (its value after the last row), so the loop around saves it.</summary>
    private bool NeedWalkedBackExits()
    {
        bool added = false;
        foreach (int p in WalkedBack().Keys)
        {
            if (!_needed!.Contains(p) || _readers.TryGetValue(p, out var r) && r.Contains(-1)) continue;
            AddNeeded(p, -1);
            added = true;
        }
        return added;
    }

    /// <summary>In the reverse row, just before <paramref name="inner"/>'s reverse loop: each counter it walks back restored.</summary>
    private void EmitWalkBacks(LoopItem inner)
    {
        foreach (var pair in WalkedBack().Where(w => ReferenceEquals(w.Value.Inner, inner) && Needed().Contains(w.Key)))
        {
            Emit(new SetLocal(pair.Value.Name, pair.Value.Restore));
        }
    }
}
