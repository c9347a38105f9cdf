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
        var body = Nested(() =>
        {
            Forward(loop.Header);
            Emit(new BreakUnless(_nodes[loop.Condition].Name));
            var forward = Nested(() => Forward(loop.Body));
            // What one iteration pushes, reserved at its start (the tape is empty there: the iteration pops it all).
            if (TapeReservations.Usage(forward, _reservations.Inside(loop)) is { Count: > 0 } usage)
            {
                Emit(new Reserve(usage.Select(u => new TapeNeed(u.Key, u.Value)).OrderBy(n => _graph.Tapes.ToList().IndexOf(n.Tape)).ToEquatableArray(), false));
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
        Emit(new ForwardLoop(body));
    }

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
