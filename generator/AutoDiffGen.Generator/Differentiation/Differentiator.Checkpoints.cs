using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Checkpointed loops (<c>Checkpoint = true</c>, loops that <see cref="Checkpointing"/> accepts): the forward sweep
/// runs the loop without a tape and pushes only its carried variables and the trip count at the start of segments
/// about √(iterations so far) long; the reverse sweep takes the segments from the last one back, restores each
/// segment's carried variables, runs it again with a tape, and walks it backwards as an ordinary loop. The tape holds
/// about 2√n checkpoints and one segment's iterations at a time.
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>True while writing the first, untaped run of a checkpointed loop: nested loops save nothing.</summary>
    private bool _untaped;

    /// <summary>
    /// True while writing a segment's second run, inside the reverse sweep: a full tape grows in place, since
    /// restarting the forward sweep there would run the reverse sweep's work twice.
    /// </summary>
    private bool _growInPlace;

    private bool _checkpointLocalsDeclared;
    private readonly Dictionary<LoopItem, bool> _checkpointed = new();
    private readonly Dictionary<LoopItem, int[]> _hoistedInLoop = new();

    private bool Checkpointed(LoopItem loop)
    {
        // The forward-over-reverse product checkpoints the same loops: each checkpoint also holds the carried values' tangents.
        if (_policy is not (SweepPolicy.Backward or SweepPolicy.HessianVector) || _graph.Checkpoint is null || !Active(loop)) return false;
        if (_checkpointed.TryGetValue(loop, out bool known)) return known;
        int index = -1;
        for (int i = 0; i < _graph.Body.Items.Length; i++)
        {
            if (ReferenceEquals(_graph.Body.Items[i], loop)) index = i;
        }
        bool result = index >= 0 && Checkpointing.WhyNot(_graph, index) is null;
        _checkpointed[loop] = result;
        return result;
    }

    private List<Node> Carried(LoopItem loop) => loop.Phis.Where(_activity.IsUseful).Select(p => _nodes[p]).ToList();

    private void CheckpointedForward(LoopItem loop)
    {
        var names = _graph.Checkpoint!;
        EnterPhis(loop);
        Emit(new NewLocal("int", loop.Trip, "0"));
        if (_checkpointLocalsDeclared)
        {
            Emit(new SetLocal(names.Next, "0"));
            Emit(new SetLocal(names.Spacing, "1"));
        }
        else
        {
            Emit(new NewLocal("int", names.Next, "0"));
            Emit(new NewLocal("int", names.Spacing, "1"));
            _checkpointLocalsDeclared = true;
        }
        var carried = Carried(loop);
        var hoistedBefore = (bool[])_hoisted.Clone();
        _untaped = true;
        var body = LoopBody(loop, taped: false, counted: true, first: () =>
        {
            var checkpoint = Nested(() =>
            {
                Emit(new Comment("checkpoint: the carried variables at the start of a segment; segments grow like the square root of the trip"));
                Save(carried.SelectMany(SavedValues).Concat(new[] { ("int", loop.Trip) }).ToList());
                Emit(new Branch(names.Spacing + " < " + loop.Trip + " / " + names.Spacing,
                    new EquatableArray<Step>(new Step[] { new SetLocal(names.Spacing, names.Spacing + " + 1") }), null));
                Emit(new SetLocal(names.Next, names.Next + " + " + names.Spacing));
            });
            Emit(new Branch(loop.Trip + " == " + names.Next, checkpoint, null));
        });
        _untaped = false;
        // Locals hoisted inside the body were declared in this run's scope: the second run declares them again.
        _hoistedInLoop[loop] = Enumerable.Range(0, _hoisted.Length).Where(i => _hoisted[i] && !hoistedBefore[i]).ToArray();
        Emit(new Comment("checkpointed loop: run without a tape"));
        Emit(new ForwardLoop(body));
        Save(new[] { ("int", loop.Trip) });
    }

    /// <summary>Wraps the loop's reverse walk in the walk over segments, each run again from its checkpoint first.</summary>
    private void CheckpointedReverse(LoopItem loop, ReverseLoop reverse)
    {
        var names = _graph.Checkpoint!;
        var carried = Carried(loop);
        var ints = Tape("int");
        var body = Nested(() =>
        {
            Emit(new Comment("run the segment again from its checkpoint with a tape, then walk it backwards"));
            for (int i = carried.Count - 1; i >= 0; i--)
            {
                // A Hessian–vector program pushed each carried value's tangent after it (SavedValues).
                if (_policy == SweepPolicy.HessianVector && _activity.IsActive(carried[i].Id)) Emit(new TangentPop(T(carried[i].Id), false, Tape(carried[i].TypeName)));
                Emit(new TapePop(carried[i].Id, false, Tape(carried[i].TypeName)));
            }
            Emit(new SetLocal(loop.Trip, "0"));
            if (_hoistedInLoop.TryGetValue(loop, out var hoisted))
            {
                foreach (int i in hoisted) _hoisted[i] = false;
            }
            _growInPlace = true;
            var rerun = LoopBody(loop, taped: true, counted: true,
                first: () => Emit(new BreakUnless("(" + loop.Trip + " < " + names.End + " - " + names.Start + ")")));
            Emit(new ForwardLoop(rerun));
            Save(new[] { ("int", loop.Trip) });
            _growInPlace = false;
            Emit(reverse);
        });
        Emit(new Segments(names.End, names.Start, ints, body));
    }
}
