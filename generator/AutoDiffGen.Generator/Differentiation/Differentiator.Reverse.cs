using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>The reverse sweep: the structure backwards, one contribution per local gradient.</summary>
internal sealed partial class Differentiator
{
    private void Reverse(Block block)
    {
        OpenArrays(block);
        for (int i = block.Items.Length - 1; i >= 0; i--) ReverseItem(block.Items[i]);
    }

    private void ReverseItem(Item item)
    {
        switch (item)
        {
            case NodeItem { Node: var id }:
                ReverseNode(_nodes[id]);
                break;
            case IfItem branch when ThrowingSide(branch) is var side && side >= 0:
                // The reverse sweep runs only after the forward sweep got past the guard: it walks the other branch alone.
                Reverse(side == 0 ? branch.Else : branch.Then);
                break;
            case IfItem branch:
                if (!Active(branch)) return;
                PreDeclare(branch);
                var then = Nested(() =>
                {
                    PhiContributions(branch.Phis, 0);
                    Reverse(branch.Then);
                });
                var otherwise = Nested(() =>
                {
                    PhiContributions(branch.Phis, 1);
                    Reverse(branch.Else);
                });
                Emit(new Branch(_nodes[branch.Condition].Name, then, otherwise));
                break;
            case LoopItem loop:
                // A fused loop walked each iteration back in the forward sweep (Differentiator.Fused).
                if (!Active(loop) || Fused(loop)) return;
                ReverseLoop(loop);
                break;
        }
    }

    /// <summary>Values restored in the reverse body of the loop being written; null outside loops.</summary>
    private HashSet<int>? _restored;

    private void ReverseLoop(LoopItem loop)
    {
        PreDeclare(loop);
        // A carried variable that nothing after the loop reads (it feeds only the loop's own work, e.g.
        // the term of a running sum) has no adjoint yet: it enters the last iteration at zero.
        foreach (var p in loop.Phis.Where(p => _activity.IsActive(p) && !_declared[p] && _nodes[p].Type != ScalarType.Array))
        {
            _declared[p] = true;
            Emit(new Contribute(p, null, Zero(_nodes[p]), Accumulation.Declare));
        }
        var outer = _restored;
        // Inside another loop, this loop's carried variables were declared in the forward body,
        // which the reverse sweep cannot see: declare them here.
        foreach (var p in loop.Phis.Where(p => Needed().Contains(p)))
        {
            if (outer is not null && !outer.Contains(p))
            {
                outer.Add(p);
                Emit(new DeclareLocal(p));
                if (_policy == SweepPolicy.HessianVector && _activity.IsActive(p)) Emit(new DeclareTangent(T(p)));
            }
        }
        _restored = new HashSet<int>();
        // A local array's versions share one adjoint array: nothing to carry between iterations.
        var active = loop.Phis.Where(_activity.IsActive).Select(p => _nodes[p]).Where(p => p.Type != ScalarType.Array).ToList();
        Emit(new Comment("loop: walk the iterations backwards, restoring each from the tape"));
        // A loop run once per call keeps its trip count in its local; a loop inside another pushes it per run.
        bool once = TripInLocal(loop);
        string? recomputedTrips = TripsRecomputed(loop);
        var trips = once || recomputedTrips is not null ? null : Tape("int");
        var counters = loop.Phis.Where(p => Needed().Contains(p) && _activity.IsUseful(p)).ToList();
        var walk = Checkpointed(loop) ? null : _counters.Walk(loop, counters);
        var body = Nested(() =>
        {
            // A counter stepped by a constant is computed from the countdown rather than popped (in a checkpointed
            // loop, the countdown counts from the segment's start); a lone counter stepped by 1 is the loop's own.
            string countdown = Checkpointed(loop) ? "(" + _graph.Checkpoint!.Start + " + " + loop.Countdown + ")" : loop.Countdown;
            foreach (int p in counters)
            {
                if (walk is null && _counters.Recomputed(loop, p, countdown) is { } value) Emit(new SetLocal(_nodes[p].Name, value));
            }
            var saved = Saved(loop);
            for (int i = saved.Count - 1; i >= 0; i--)
            {
                var n = saved[i];
                bool isOwnPhi = loop.Phis.Contains(n.Id);
                if (!isOwnPhi) _restored.Add(n.Id);
                // A Hessian–vector program pushed each value's tangent after it.
                if (_policy == SweepPolicy.HessianVector && _activity.IsActive(n.Id)) Emit(new TangentPop(T(n.Id), !isOwnPhi, Tape(n.TypeName)));
                Emit(new TapePop(n.Id, !isOwnPhi, Tape(n.TypeName)));
            }
            EmitRereads(loop, SavedOrReread(loop));
            CarryAdjoints(loop, active);
            Reverse(loop.Body);
            foreach (var p in active) ResetIfPending(p.Id);
        });
        if (Checkpointed(loop)) CheckpointedReverse(loop, new ReverseLoop(loop.Countdown, trips, body));
        else
        {
            EmitWalkBacks(loop);
            Emit(new ReverseLoop(loop.Countdown, trips, body, once ? loop.Trip : recomputedTrips, walk));
        }
        _restored = outer;
        // What reaches the first iteration flows into the values the loop started from.
        foreach (var p in active)
        {
            int entry = p.Inputs[0];
            if (_activity.IsActive(entry)) Contribute(entry, AdjointText.Of(p.Id), subtract: false, _pending, p.Id, 0);
        }
        FlushPending();
    }

    /// <summary>
    /// The adjoint carried into the next iteration belongs to this iteration's last value. One value can be carried by
    /// several variables (`t *= x; if (…) return t;` carries t and the returned value): the first declares its adjoint,
    /// the others add into it.
    /// </summary>
    private void CarryAdjoints(LoopItem loop, List<Node> active)
    {
        var declaredHere = new HashSet<int>();
        foreach (var p in active)
        {
            int back = p.Inputs[1];
            if (back == p.Id) continue;
            if (_activity.IsActive(back))
            {
                ResetIfPending(back);
                if (_declared[back] && !IsInside(back, loop.Body) || declaredHere.Contains(back))
                {
                    Emit(new Contribute(back, null, AdjointText.Of(p.Id), Accumulation.Add, Source: p.Id, Input: 1));
                }
                else
                {
                    declaredHere.Add(back);
                    _declared[back] = true;
                    Emit(new Contribute(back, null, AdjointText.Of(p.Id), Accumulation.Declare, Source: p.Id, Input: 1));
                }
            }
            // The value carried in was overwritten: what reached it does not flow further back.
            _zeroPending[p.Id] = true;
        }
    }

    private readonly List<Step> _pending = new();

    private void FlushPending()
    {
        foreach (var step in _pending) Emit(step);
        _pending.Clear();
    }

    private void PhiContributions(EquatableArray<int> phis, int input)
    {
        foreach (var phi in phis.Where(_activity.IsActive))
        {
            var p = _nodes[phi];
            if (p.Type == ScalarType.Array) continue;
            int source = p.Inputs[input];
            if (_activity.IsActive(source)) Contribute(source, AdjointText.Of(phi), subtract: false, _pending, phi, input);
        }
        FlushPending();
    }

    /// <summary>Writes a reset that is still pending, before the adjoint is added into by other means.</summary>
    private void ResetIfPending(int id)
    {
        if (!_zeroPending[id]) return;
        _zeroPending[id] = false;
        Emit(new Contribute(id, null, AdjointText.Plain(ScalarLiterals.Zero(_nodes[id].Type)), Accumulation.Assign));
    }

    private void ReverseNode(Node node)
    {
        // A call output's gradient goes back through its call (ReverseCall), which reads it as a seed.
        if (!_activity.IsActive(node.Id) || node.Gate is GateKind.Parameter or GateKind.Constant or GateKind.Phi or GateKind.CallOutput) return;
        if (node.Call is { } call)
        {
            // The callee adds into the adjoints it is passed by ref: they must hold their value.
            foreach (int input in node.Inputs) ResetIfPending(input);
            if (_policy == SweepPolicy.HessianVector && call.Curvature is { } curvature) CurvatureReverse(node, call, curvature);
            else ReverseCall(node, call);
            return;
        }
        // A cut list (ListTypes.Truncate): the slots it drops are read again only after a store into them.
        if (ListTypes.IsTruncation(node)) return;
        if (node.Gate == GateKind.Store)
        {
            // The stored value receives what reached its slot; the value it overwrote receives nothing.
            string index = ElementIndex.StoreText(node, i => Operand(node, i));
            var slot = Concat(AdjointText.Of(node.Id), "[" + index + "]");
            var stored = new List<Step>();
            int value = ElementIndex.StoredValue(node);
            if (_activity.IsActive(node.Inputs[value])) Contribute(node.Inputs[value], slot, subtract: false, stored, node.Id, value);
            stored.Add(new Contribute(node.Id, index, AdjointText.Plain(ScalarLiterals.Zero(ElementType(node))), Accumulation.Assign));
            Emit(new Comment(node.Name + "[" + index + "]: store gate: route the slot's gradient to the stored value"));
            foreach (var step in stored) Emit(step);
            return;
        }
        if (node.Gate == GateKind.NewRow)
        {
            // The fresh row's elements are constants: what reached their slots goes nowhere, and the row it replaced (of
            // its own length, which may differ) has received nothing yet from the reads after it: a zeroed adjoint row.
            Emit(new Comment(node.Name + "[" + Operand(node, 1) + "]: new row: the row it replaced gets a zeroed adjoint"));
            var newRow = AdjointText.Plain("[" + Operand(node, 1) + "] = new " + ElementIndex.ElementTypeName(node.TypeName) + "[" + Operand(node, 3) + "]");
            Invoke ZeroedRow(int of) => new Invoke(AdjointText.Concat(AdjointText.Of(of), newRow), new EquatableArray<int>(new[] { of }));
            var zeroed = ZeroedRow(node.Id);
            Emit(zeroed);
            if (_policy == SweepPolicy.HessianVector)
            {
                // The product (hess20): the row of the adjoint's tangents is replaced with it; neither is a call.
                var zeroedTangent = ZeroedRow(2 * _nodes.Length + node.Id);
                _componentCopies.Add(zeroed);
                _componentCopies.Add(zeroedTangent);
                Emit(zeroedTangent);
            }
            return;
        }
        if (node.Gate == GateKind.CopyInto)
        {
            CopyIntoReverse(node);
            return;
        }
        if (node.Gate == GateKind.CloneArray)
        {
            // A copy's adjoint goes back into its source's, the same slice of it.
            if (_activity.IsActive(node.Inputs[0])) CloneReverse(node);
            return;
        }
        // A creation, a snapshot or a slice adds nothing: they share (a part of) the array's adjoint.
        if (node.Gate is GateKind.NewArray or GateKind.CopyArray or GateKind.SpareArray or GateKind.View) return;
        if (node.Gate is GateKind.Pack or GateKind.Part)
        {
            ReverseStructGate(node);
            return;
        }
        if (node.Gate == GateKind.Element)
        {
            if (!_activity.IsActive(node.Inputs[0])) return;
            Emit(new Comment(node.Name + ": element gate: route to its slot"));
            // The product writes only the adjoint's tangent, a slice of its output for a double[,] parameter (TangentIndex).
            Emit(new Contribute(node.Inputs[0], TangentIndex(node), AdjointText.Of(node.Id), Accumulation.Add, Source: node.Id, Input: 0));
            return;
        }
        var rule = TakenStepRule(node, AdjointText.Upstream) ?? LocalGradients.Reverse(node, i => Operand(node, i), node.Name, AdjointText.Upstream);
        var lines = new List<Step>();
        foreach (var c in rule.Contributions)
        {
            int input = node.Inputs[c.InputPosition];
            if (_activity.IsActive(input)) Contribute(input, AdjointText.Template(c.Expression, node.Id), c.Subtract, lines, node.Id, c.InputPosition);
        }
        if (lines.Count == 0) return;
        Emit(new Comment(node.Name + ": " + rule.Comment, node.Id));
        foreach (var step in lines) Emit(step);
    }

    private static AdjointText Concat(AdjointText text, string suffix) => AdjointText.Concat(text, AdjointText.Plain(suffix));

    private static ScalarType ElementType(Node array) =>
        array.TypeName.StartsWith("float", System.StringComparison.Ordinal) || array.TypeName.EndsWith("<float>", System.StringComparison.Ordinal) ? ScalarType.Float : ScalarType.Double;

    /// <summary>A zero of the node's adjoint type.</summary>
    private static AdjointText Zero(Node n) =>
        AdjointText.Plain(n.Type == ScalarType.Adjointable ? n.Name + ".ZeroAdjoint()" : n.Type == ScalarType.Other ? "default(" + n.TypeName + ")" : ScalarLiterals.Zero(n.Type));

    /// <summary>Each local array that carries gradients gets one zeroed adjoint array, before the reverse sweep.</summary>
    /// <param name="which">The arrays whose adjoints are created here (all when null).</param>
    private void DeclareArrayAdjoints(System.Func<Node, bool>? which = null)
    {
        foreach (var node in _nodes)
        {
            if (node.Type != ScalarType.Array) continue;
            _declared[node.Id] = true;
            if (which is not null && !which(node)) continue;
            // An array created in a loop gets its adjoint where the reverse sweep enters its block (OpenArrays).
            if (!(node.Gate == GateKind.NewArray && node.Text.Length == 0 || node.Gate == GateKind.CloneArray) || !_nodes.Any(n => n.Type == ScalarType.Array && n.AdjointName == node.AdjointName && _activity.IsActive(n.Id))) continue;
            // An array created in a branch is null when the branch did not run; its adjoint is then never indexed.
            Emit(new NewAdjointArray(node.Id, Dimensions(node)));
        }
    }

    /// <summary>The sizes of a local array's adjoint: its length, or for a double[,] both lengths.</summary>
    private string Dimensions(Node array)
    {
        if (ElementIndex.IsJagged(array.TypeName)) return "";
        // A list's adjoint has a slot for each element it holds when the forward sweep ends (ListTypes).
        string length = ListTypes.Length(array.TypeName, CutList(array));
        if (array.Inputs.Length < 2 || array.Gate == GateKind.CloneArray) return _hoisted[array.Id] ? IfMade(array, array.Name + length) : array.Name + length;
        // An array created in a branch is null when the branch did not run; its adjoint is then never indexed.
        return string.Join(ElementIndex.Rectangular, Enumerable.Range(0, array.Inputs.Length)
            .Select(k => _hoisted[array.Id] ? IfMade(array, array.Name + ".GetLength(" + k + ")") : array.Name + ".GetLength(" + k + ")"));
    }

    /// <summary>
    /// A hoisted array's size, 0 when its branch did not run: tested through <c>(object)</c>, which the compiler's nullable
    /// analysis does not carry back to the variable (<c>a?.Length ?? 0</c> made it maybe-null, and a later call passing it to a
    /// callee's Backward was warning CS8604 under nullable warnings, found by Lists/ListArgumentPropertyTests).
    /// </summary>
    private static string IfMade(Node array, string size) => "((object)" + array.Name + " is " + array.TypeName + " ? " + size + " : 0)";

    /// <summary>d(input) += expression: declares the adjoint on its first contribution.</summary>
    private void Contribute(int input, AdjointText expression, bool subtract, List<Step> lines, int source, int position)
    {
        if (_zeroPending[input])
        {
            _zeroPending[input] = false;
            lines.Add(new Contribute(input, null, expression, Accumulation.Assign, subtract, source, position));
            return;
        }
        if (_declared[input])
        {
            lines.Add(new Contribute(input, null, expression, Accumulation.Add, subtract, source, position));
            return;
        }
        _declared[input] = true;
        lines.Add(new Contribute(input, null, expression, Accumulation.Declare, subtract, source, position));
    }

    /// <summary>
    /// Adjoints of values from outside a branch or loop that it adds into must exist before it, at zero.
    /// </summary>
    private void PreDeclare(Item item)
    {
        var inside = new HashSet<int>(DefinedIn(item));
        foreach (int target in TargetsIn(item).Distinct().OrderBy(t => t))
        {
            if (!inside.Contains(target)) ResetIfPending(target);
            if (inside.Contains(target) || _declared[target] || !_activity.IsActive(target) || _nodes[target].Type == ScalarType.Array) continue;
            _declared[target] = true;
            Emit(new Contribute(target, null, Zero(_nodes[target]), Accumulation.Declare));
        }
    }

    private IEnumerable<int> DefinedIn(Item item) => item switch
    {
        NodeItem n => new[] { n.Node },
        IfItem b => b.Then.Items.Concat(b.Else.Items).SelectMany(DefinedIn).Concat(b.Phis),
        LoopItem l => l.Header.Items.Concat(l.Body.Items).SelectMany(DefinedIn).Concat(l.Phis),
        _ => Enumerable.Empty<int>(),
    };

    private IEnumerable<int> TargetsIn(Item item) => item switch
    {
        NodeItem n => Effects.IsEffect(_nodes[n.Node]) ? Enumerable.Empty<int>() : _nodes[n.Node].Inputs,
        IfItem b => b.Then.Items.Concat(b.Else.Items).SelectMany(TargetsIn).Concat(b.Phis.SelectMany(p => _nodes[p].Inputs)),
        LoopItem l => l.Body.Items.SelectMany(TargetsIn).Concat(l.Phis.SelectMany(p => _nodes[p].Inputs)).Concat(l.Phis),
        _ => Enumerable.Empty<int>(),
    };

    private bool IsInside(int node, Block block) => block.Items.SelectMany(DefinedIn).Contains(node);

    private bool Active(IfItem branch) => DefinedIn(branch).Any(_activity.IsActive) || branch.Phis.Any(_activity.IsActive);

    private bool Active(LoopItem loop) => loop.Phis.Any(_activity.IsActive);
}
