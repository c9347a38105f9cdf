using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A fused loop (<see cref="FusedLoops"/>): each iteration's reverse is written in the forward loop right after its forward,
/// with the sums' adjoints set before the loop; the reverse sweep then has nothing to do for it. The iteration's values are
/// still in their locals, so nothing of it is taped but what its own inner loops need, popped before the next iteration.
/// </summary>
internal sealed partial class Differentiator
{
    private readonly FusedLoop? _fused;

    /// <summary>A fused loop's reservation may be made once before it (<see cref="ReservedOnce"/>); off only in tests that compare with it.</summary>
    private readonly bool _reserveOnce;

    private bool Fused(LoopItem loop) => _fused is not null && ReferenceEquals(_fused.Loop, loop);

    private void FusedForward(LoopItem loop)
    {
        var fused = _fused!;
        // From here a full tape grows in place: a restart would run the iterations, which add into adjoints, again.
        _growInPlace = true;
        DeclareArrayAdjoints(n => fused.ArraysBefore.Contains(n.Id));
        PreDeclare(loop);
        foreach (var (phi, adjoint) in fused.Sums)
        {
            _declared[phi] = true;
            Emit(new Contribute(phi, null, AdjointText.Plain(adjoint), Accumulation.Declare));
        }
        foreach (var read in InvariantReads(loop).Where(n => Needed().Contains(n.Id))) Hoist(read);
        EnterPhis(loop);
        var active = loop.Phis.Where(_activity.IsActive).Select(p => _nodes[p]).Where(p => p.Type != ScalarType.Array).ToList();
        var outer = _restored;
        // The iteration's locals are in scope: its reverse restores nothing at this level, as at the method's top level.
        _restored = null;
        Reserve? once = null;
        var body = Nested(() =>
        {
            var header = Nested(() => Forward(loop.Header));
            foreach (var step in header) Emit(step);
            Emit(new BreakUnless(_nodes[loop.Condition].Name));
            var forward = Nested(() => Forward(loop.Body));
            // What one iteration pushes, reserved at its start (the tape is empty there: the iteration pops it all).
            if (TapeReservations.Usage(forward, _reservations.Inside(loop)) is { Count: > 0 } usage)
            {
                var reserve = new Reserve(usage.Select(u => new TapeNeed(u.Key, u.Value)).OrderBy(n => _graph.Tapes.ToList().IndexOf(n.Tape)).ToEquatableArray(), false);
                // Made once before the loop when the header pushes nothing (ReservedOnce): no call left in the iteration.
                if (_reserveOnce && ReservedOnce(header)) once = reserve;
                else Emit(reserve);
                // The reservation covers every push of the iteration (an upper bound, TapeReservations.Usage): no push checks.
                forward = TapeReservations.Covered(TapeReservations.WithoutReservations(forward));
            }
            foreach (var step in forward) Emit(step);
            Emit(new Comment("this iteration's reverse, its sums' adjoints known before the loop"));
            CarryAdjoints(loop, active);
            Reverse(loop.Body);
            // Each sum leaves the iteration with the adjoint it came in with (FusedLoops.IsSum): nothing to reset.
            foreach (var p in active) _zeroPending[p.Id] = false;
            foreach (var phi in loop.Phis.Where(_activity.IsUseful))
            {
                var p = _nodes[phi];
                if (p.Inputs[1] != phi && Operands.Of(_nodes, p, 1) != p.Name) Emit(new SetLocal(p.Name, Operands.Of(_nodes, p, 1)));
            }
        });
        _restored = outer;
        if (once is not null) Emit(once);
        Emit(new ForwardLoop(body));
    }

    /// <summary>
    /// Whether a fused iteration's reservation can be made once, before the loop, instead of at the top of each
    /// iteration (a call that grows the tape in place: RyuJIT then keeps the loop's doubles in memory across it, and at
    /// small sizes the call itself is a tenth of the iteration). Sound because the reservation is the same in every
    /// iteration and so is the tape top it is made at: (1) its counts read nothing the loop defines
    /// (TapeReservations.Usage returns null otherwise), so they are values computed before the loop, the same each
    /// time; (2) each iteration's reverse pops everything its forward pushed (the fused reverse walks the iteration
    /// back right after it, and nothing outside the iteration reads its entries), so every iteration starts at the top
    /// the loop started at, provided the header (<paramref name="header"/>, the steps before the test) pushes nothing
    /// and reserves nothing: checked here. Room reserved for a loop that then runs no iteration costs memory, never a
    /// value; and the covered pushes stay bounds-checked stores, so a broken premise throws, never writes a wrong value.
    /// </summary>
    private static bool ReservedOnce(EquatableArray<Step> header) =>
        !StepTree.Flatten(header).Any(s => s is TapePush or Reserve);

    /// <summary>Some push or reservation in the steps restarts the forward sweep when a tape is short.</summary>
    private static bool Restarts(IEnumerable<Step> steps) => steps.Any(step => step switch
    {
        TapePush p => p.Restart,
        Reserve r => r.Restart,
        Branch b => Restarts(b.Then) || b.Else is { } e && Restarts(e),
        ForwardLoop f => Restarts(f.Body),
        _ => false,
    });
}
