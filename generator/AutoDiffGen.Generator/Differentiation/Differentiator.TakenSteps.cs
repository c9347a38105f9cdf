using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A running maximum (or minimum) keeps the counter of the last step whose gate took its new element instead of taping its
/// running value every step (issue 12, perf17; <c>Gen16a</c> in benchmarks/gmm-probe): the log-sum-exp's
/// <c>mx = Max(mx, t[k])</c> over K components pushed K − 1 doubles per point and popped them to decide, step by step, where
/// the gradient goes. Now the forward step writes <c>taken = mx &gt;= t[k] ? taken : k</c> (one <c>int</c> in a register) and
/// the reverse step routes by <c>k != taken</c>; the running value is not taped and the element is not read again.
/// <para>
/// The rule: a loop L carries a real p whose back input is a Max or Min gate g = Max(p, e) (e not p) at the top level of L's
/// body, not inlined; no node in L (its header or body) but g reads p (readers after L read its exit value) and nothing
/// but p reads g; L has a
/// counter q recomputed in the reverse (<see cref="AffineCounters"/>: stepped by ±1 at the top level of its body) and a trip
/// count its reverse computes (<see cref="AffineCounters.Trips"/>: a test that is only the comparison, no <c>break</c>);
/// L is at the top level of a fused loop's body (<see cref="FusedLoops"/>), so its forward and its reverse run in one
/// iteration and see one local <c>taken</c>, which nothing between them writes.
/// </para>
/// <para>
/// Soundness: the reverse of g is "to p if c, else to e" with c = (p &gt;= e) for Max (p &lt;= e for Min), and p's adjoint
/// reaches nothing else in L (no other reader of p, and g's adjoint is only p's carried back), so it is carried unchanged from one reverse step to the next except where c
/// fails, where it becomes exactly 0 and stays 0 down to L's entry. Let s be the last step where c failed (the forward
/// writes c's own text, so NaN compares the same). Steps above s pass the adjoint as before (c held there); step s routes
/// it all to e and zeroes it, as before; steps below s see an adjoint of exactly 0, so whichever way c goes they add 0.0
/// and carry 0.0, as before. Routing by q ≠ s gives the same values bit for bit. q names a step uniquely: it steps by ±1
/// and L runs fewer than 2³¹ steps (an <c>int</c> trip count); the start value, the entry ∓ 1, is no step's counter, so
/// with no failed step every step routes to p, as before. Only in <c>MBackward</c>, without checkpoints.
/// </para>
/// <para>
/// Cost rule: per step, a compare and a conditional move of an <c>int</c> in the forward replace a push (a store and its
/// bounds check) and, in the reverse, a pop and the element's load; the reverse compare stays. It never adds tape traffic.
/// </para>
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>Off only to compare with it, in tests.</summary>
    private readonly bool _takenSteps;

    /// <summary>A running Max/Min's last taken step: its loop, its counter, and the local that holds the step.</summary>
    private sealed record TakenStep(LoopItem Loop, int Counter, string Local, string Start);

    private Dictionary<int, TakenStep>? _takenStepGates;

    /// <summary>The Max/Min gates routed by their last taken step (by gate id), found once from the graph alone.</summary>
    private Dictionary<int, TakenStep> TakenSteps()
    {
        if (_takenStepGates is not null) return _takenStepGates;
        _takenStepGates = new Dictionary<int, TakenStep>();
        if (!_takenSteps || _policy != SweepPolicy.Backward || _graph.Checkpoint is not null || _fused is null) return _takenStepGates;
        var fused = _fused.Loop;
        foreach (var loop in fused.Body.Items.OfType<LoopItem>())
        {
            if (!loop.ConditionFirst || _counters.Trips(loop) is null) continue;
            // The counter that names a step: stepped by ±1 and recomputed in the reverse.
            int counter = loop.Phis.FirstOrDefault(q => _counters.Stepping(loop, q) is { Amount: "1" });
            if (_counters.Stepping(loop, counter) is not { Amount: "1" } stepping) continue;
            foreach (int phi in loop.Phis)
            {
                var p = _nodes[phi];
                if (p.Type is not (ScalarType.Double or ScalarType.Float) || p.Inputs.Length != 2 || !_activity.IsActive(phi)) continue;
                var g = _nodes[p.Inputs[1]];
                if (g.Gate is not (GateKind.Max or GateKind.Min) || g.IsInline || g.Inputs.Length != 2 || g.Inputs[0] != phi || g.Inputs[1] == phi) continue;
                if (!loop.Body.Items.Contains(new NodeItem(g.Id))) continue;
                if (_nodes.Any(n => n.Id != g.Id && n.Inputs.Contains(phi) && (IsInside(n.Id, loop.Body) || IsInside(n.Id, loop.Header) || n.Id == loop.Condition))) continue;
                // g's only reader is p (the back edge): a reader of g in the body (acc += mx) would add into g's adjoint in
                // every step, so steps below the last taken one would route a gradient that is not 0.
                if (_nodes.Any(n => n.Id != phi && n.Inputs.Contains(g.Id))) continue;
                string entry = _nodes[_nodes[counter].Inputs[0]].Name;
                string start = "unchecked(" + (entry.All(c => char.IsLetterOrDigit(c) || c is '_' or '.') ? entry : "(" + entry + ")") + (stepping.Step == "+" ? " - 1" : " + 1") + ")";
                _takenStepGates[g.Id] = new TakenStep(loop, counter, g.Name + "Taken", start);
            }
        }
        return _takenStepGates;
    }

    /// <summary>Before <paramref name="loop"/>'s forward: each of its running Max/Min's step local, at a value no step has.</summary>
    private void DeclareTakenSteps(LoopItem loop)
    {
        foreach (var step in TakenSteps().Values.Where(s => ReferenceEquals(s.Loop, loop))) Emit(new NewLocal("int", step.Local, step.Start));
    }

    /// <summary>Before the gate's forward: the step is kept when the gate's reverse would route to its new element.</summary>
    private void KeepTakenStep(Node gate)
    {
        if (!TakenSteps().TryGetValue(gate.Id, out var step)) return;
        Emit(new SetLocal(step.Local, Condition(gate, Operand(gate, 0), Operand(gate, 1)) + " ? " + step.Local + " : " + _nodes[step.Counter].Name));
    }

    /// <summary>The gate's reverse rule routed by its step (null when the rule does not apply to it).</summary>
    private GateRule? TakenStepRule(Node gate, string g)
    {
        if (!TakenSteps().TryGetValue(gate.Id, out var step)) return null;
        string zero = ScalarLiterals.Zero(gate.Type);
        string passes = _nodes[step.Counter].Name + " != " + step.Local;
        return new GateRule((gate.Gate == GateKind.Max ? "max" : "min") + " gate: route (ties go to the left), by the step it last took its right input (TakenSteps)",
            new[] { new Contribution(0, passes + " ? " + g + " : " + zero), new Contribution(1, passes + " ? " + zero + " : " + g) });
    }

    /// <summary>What a gate routed by its step reads in the reverse: its loop's counter only.</summary>
    private bool NeedTakenStep(Node gate)
    {
        if (!TakenSteps().TryGetValue(gate.Id, out var step)) return false;
        AddNeeded(step.Counter, gate.Id);
        return true;
    }

    /// <summary>The left input is kept by the gate: <c>a &gt;= b</c> for Max, <c>a &lt;= b</c> for Min (LocalGradients' text).</summary>
    private static string Condition(Node gate, string a, string b) => a + (gate.Gate == GateKind.Max ? " >= " : " <= ") + b;
}
