using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// Writes the two sweeps of a structured graph. Forward: the user's control flow, one named local
/// per gate; in loops, what the reverse sweep needs of an iteration goes on a tape. Reverse: the
/// same structure backwards, branches by the saved condition, loops by the saved trip count.
/// </summary>
internal sealed class SweepWriter
{
    private readonly IndentedWriter _w;
    private readonly ComputationGraph _graph;
    private readonly EquatableArray<Node> _nodes;
    private readonly Activity _activity;
    private readonly string[] _adjoint;
    private readonly bool[] _declared;
    private readonly bool[] _hoisted;
    // A loop-carried adjoint reset for the next iteration: its first contribution assigns instead of adding
    // to zero (x + 0.0 is not folded, and would lengthen the loop's dependency chain).
    private readonly bool[] _zeroPending;

    /// <summary>
    /// True when a full tape makes the forward sweep start over with a larger one (see <see cref="GrowLabel"/>);
    /// false when it grows in place, for forward sweeps that call other methods.
    /// </summary>
    public bool RestartOnGrowth { get; }

    /// <summary>The label the forward sweep jumps to when a tape is full, with <see cref="RestartOnGrowth"/>.</summary>
    public const string GrowLabel = "growTapes";

    /// <summary>The label where the forward sweep starts, with <see cref="RestartOnGrowth"/>.</summary>
    public const string ForwardLabel = "forwardSweep";

    private readonly bool _nullableSyntax;

    public SweepWriter(IndentedWriter w, ComputationGraph graph, Activity activity, bool nullableSyntax)
    {
        _w = w;
        _nullableSyntax = nullableSyntax;
        _graph = graph;
        _nodes = graph.Nodes;
        _activity = activity;
        _adjoint = _nodes.Select(n => n.AdjointName).ToArray();
        _declared = _nodes.Select(n => n.Gate == GateKind.Parameter).ToArray();
        _hoisted = new bool[_nodes.Length];
        _zeroPending = new bool[_nodes.Length];
        // Only a forward sweep without calls gains from restarting (a call spills its doubles anyway), and
        // only a forward sweep without calls is certain to do nothing but compute when it runs again.
        RestartOnGrowth = !graph.OpaqueCalls && !_nodes.Any(n => n.Call is not null && activity.IsUseful(n.Id));
    }

    /// <summary>
    /// Scalar parameters' adjoints are summed in locals (declared at their first contribution) and added
    /// through the ref once, by <see cref="AddSums"/>.
    /// </summary>
    public void UseSums()
    {
        foreach (var sum in _graph.Sums)
        {
            if (!_activity.IsActive(sum.Node)) continue;
            _adjoint[sum.Node] = sum.Name;
            _declared[sum.Node] = false;
        }
    }

    /// <summary>dX += dXSum for each parameter whose sum received something.</summary>
    public void AddSums()
    {
        foreach (var sum in _graph.Sums)
        {
            if (_adjoint[sum.Node] == sum.Name && _declared[sum.Node]) _w.Line(_nodes[sum.Node].AdjointName + " += " + sum.Name + ";");
        }
    }

    /// <summary>Largest number of values of each type that one save point checks room for.</summary>
    public Dictionary<string, int> Batches { get; } = new();

    public bool UsesTapes { get; private set; }

    /// <summary>The result's adjoint is the seed: either dResult itself or a local already set to it.</summary>
    public void SeedWith(int result, string? name)
    {
        if (name is not null) _adjoint[result] = name;
        _declared[result] = true;
    }

    private string Operand(Node node, int i)
    {
        var input = _nodes[node.Inputs[i]];
        return input.IsInline && input.Name.StartsWith("-", System.StringComparison.Ordinal) ? "(" + input.Name + ")" : input.Name;
    }

    private readonly HashSet<string> _tapesUsed = new();

    /// <summary>The tapes the sweeps used, in declaration order.</summary>
    public IEnumerable<TapeName> UsedTapes => _graph.Tapes.Where(t => _tapesUsed.Contains(t.TypeName));

    private TapeName Tape(string typeName)
    {
        UsesTapes = true;
        _tapesUsed.Add(typeName);
        return _graph.Tapes.First(t => t.TypeName == typeName);
    }

    /// <summary>Checks room for the values, then stores each at its tape's top.</summary>
    private void Save(IReadOnlyList<(string TypeName, string Value)> values)
    {
        var counts = values.GroupBy(v => v.TypeName).Select(g => (Tape: Tape(g.Key), Count: g.Count())).ToList();
        foreach (var (tape, count) in counts)
        {
            Batches[tape.TypeName] = System.Math.Max(count, Batches.TryGetValue(tape.TypeName, out int b) ? b : 0);
        }
        if (RestartOnGrowth)
        {
            _w.Line("if (" + string.Join(" || ", counts.Select(c => Room(c.Tape, c.Count))) + ") goto " + GrowLabel + ";");
        }
        else
        {
            foreach (var (tape, count) in counts) _w.Line("if (" + Room(tape, count) + ") " + tape.Name + " = " + _graph.Workspace + ".Grow(" + tape.Name + ", " + tape.Top + ");");
        }
        foreach (var (typeName, value) in values)
        {
            var tape = Tape(typeName);
            _w.Line(tape.Name + "[" + tape.Top + "++] = " + value + ";");
        }
    }

    /// <summary>True when fewer than count entries are free.</summary>
    public static string Room(TapeName tape, int count) => tape.Name + ".Length - " + tape.Top + " < " + count.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string Restore(string typeName)
    {
        var tape = Tape(typeName);
        return tape.Name + "[--" + tape.Top + "]";
    }

    private HashSet<int>? _needed;

    /// <summary>Values the reverse sweep reads: operands and outputs of active gates, conditions of active branches.</summary>
    private HashSet<int> Needed()
    {
        if (_needed is not null) return _needed;
        _needed = new HashSet<int>();
        foreach (var node in _nodes)
        {
            if (!_activity.IsActive(node.Id) || node.Gate is GateKind.Parameter or GateKind.Constant or GateKind.Phi) continue;
            var (output, inputs) = LocalGradients.Reads(node);
            if (output) AddNeeded(node.Id);
            for (int i = 0; i < node.Inputs.Length; i++)
            {
                if (inputs[i]) AddNeeded(node.Inputs[i]);
            }
        }
        AddConditions(_graph.Body);
        return _needed;
    }

    /// <summary>An inline constant is text that names other values: those are needed too.</summary>
    private void AddNeeded(int id)
    {
        if (!_needed!.Add(id)) return;
        if (_nodes[id] is { IsInline: true, Gate: GateKind.Constant } inline)
        {
            foreach (var input in inline.Inputs) AddNeeded(input);
        }
    }

    private void AddConditions(Block block)
    {
        foreach (var item in block.Items)
        {
            if (item is IfItem b)
            {
                if (Active(b) && ThrowingSide(b) < 0) AddNeeded(b.Condition);
                AddConditions(b.Then);
                AddConditions(b.Else);
            }
            else if (item is LoopItem l)
            {
                AddConditions(l.Body);
            }
        }
    }

    // ================= forward =================

    public void Forward(Block block)
    {
        foreach (var item in block.Items) ForwardItem(item);
    }

    private void ForwardItem(Item item)
    {
        switch (item)
        {
            case NodeItem { Node: var id } when _nodes[id].Gate == GateKind.Store:
                if (_activity.IsUseful(id)) _w.Line(_nodes[id].Name + "[" + Operand(_nodes[id], 1) + "] = " + Operand(_nodes[id], 2) + ";");
                break;
            case NodeItem { Node: var id } when Effects.IsEffect(_nodes[id]):
                _w.Line(_nodes[id].Text + ";");
                break;
            case NodeItem { Node: var id }:
                var node = _nodes[id];
                if (!_activity.IsUseful(id) || node.IsInline) return;
                string value = node.Call is { } call ? CallEmitter.Forward(node, call, i => Operand(node, i)) : LocalGradients.Forward(node, i => Operand(node, i));
                Assign(node, value);
                break;
            case IfItem branch when ThrowingSide(branch) is var side && side >= 0:
                // A guard: the branch that throws is written as it stands, and the other one runs on at this level.
                string condition = _nodes[branch.Condition].Name;
                using (_w.WriteBlock("if (" + (side == 0 ? condition : Not(condition)) + ")"))
                {
                    Forward(side == 0 ? branch.Then : branch.Else);
                }
                Forward(side == 0 ? branch.Else : branch.Then);
                break;
            case IfItem branch:
                if (!Useful(branch)) return;
                // Values computed in a branch are read again by the reverse sweep: declare them outside it.
                foreach (var n in BranchNodes(branch)) Hoist(n);
                foreach (var phi in branch.Phis.Where(_activity.IsUseful)) Hoist(_nodes[phi]);
                using (_w.WriteBlock("if (" + _nodes[branch.Condition].Name + ")"))
                {
                    Forward(branch.Then);
                    AssignPhis(branch.Phis, 0);
                }
                using (_w.WriteBlock("else"))
                {
                    Forward(branch.Else);
                    AssignPhis(branch.Phis, 1);
                }
                break;
            case LoopItem loop:
                if (!Useful(loop)) return;
                ForwardLoop(loop);
                break;
        }
    }

    private static string Not(string condition) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(condition) ? "!" + condition : "!(" + condition + ")";

    /// <summary>0 or 1: that branch of a guard always throws (the other runs on); -1 for an ordinary branch.</summary>
    private int ThrowingSide(IfItem branch) => Effects.ThrowingSide(branch, id => _nodes[id]);

    private void ForwardLoop(LoopItem loop)
    {
        foreach (var phi in loop.Phis.Where(_activity.IsUseful)) Assign(_nodes[phi], Operand(_nodes[phi], 0));
        // Only a loop the reverse sweep walks may push onto the tapes: the tapes are stacks shared by all
        // loops, so a push nobody pops (a loop whose result is used but carries no gradient, e.g. through
        // Floor) would shift every earlier loop's pops.
        bool taped = Active(loop);
        if (taped) _w.Line("int " + loop.Trip + " = 0;");
        using (_w.WriteBlock("while (true)"))
        {
            if (loop.ConditionFirst)
            {
                Forward(loop.Header);
                _w.Line("if (!" + _nodes[loop.Condition].Name + ") break;");
            }
            Forward(loop.Body);
            var saved = taped ? Saved(loop) : new List<Node>();
            if (saved.Count > 0)
            {
                _w.Line("// save this iteration for the reverse sweep");
                Save(saved.Select(n => (n.TypeName, n.Name)).ToList());
            }
            if (!loop.ConditionFirst) Forward(loop.Header);
            foreach (var phi in loop.Phis.Where(_activity.IsUseful))
            {
                var p = _nodes[phi];
                if (p.Inputs[1] != phi && Operand(p, 1) != p.Name) _w.Line(p.Name + " = " + Operand(p, 1) + ";");
            }
            if (taped) _w.Line(loop.Trip + "++;");
            if (!loop.ConditionFirst) _w.Line("if (!" + _nodes[loop.Condition].Name + ") break;");
        }
        if (taped) Save(new[] { ("int", loop.Trip) });
    }

    private void AssignPhis(EquatableArray<int> phis, int input)
    {
        foreach (var phi in phis.Where(_activity.IsUseful))
        {
            var p = _nodes[phi];
            if (Operand(p, input) != p.Name) _w.Line(p.Name + " = " + Operand(p, input) + ";");
        }
    }

    private void Assign(Node node, string value)
    {
        if (_hoisted[node.Id]) _w.Line(node.Name + " = " + value + ";");
        else _w.Line(Declarations.Declared(node) + " " + node.Name + " = " + value + ";");
    }

    private void Hoist(Node node)
    {
        if (node.IsInline || _hoisted[node.Id] || Effects.IsEffect(node)) return;
        _hoisted[node.Id] = true;
        _w.Line(Declarations.DeclaredAtZero(node, _nullableSyntax));
    }

    /// <summary>Nodes computed inside a branch, including phis of nested branches and loops, but not loop bodies.</summary>
    private IEnumerable<Node> BranchNodes(IfItem branch) => Scope(branch.Then).Concat(Scope(branch.Else));

    private IEnumerable<Node> Scope(Block block)
    {
        foreach (var item in block.Items)
        {
            switch (item)
            {
                case NodeItem n when _activity.IsUseful(n.Node) && !_nodes[n.Node].IsInline:
                    yield return _nodes[n.Node];
                    break;
                case IfItem b:
                    foreach (var n in Scope(b.Then).Concat(Scope(b.Else))) yield return n;
                    foreach (var p in b.Phis.Where(_activity.IsUseful)) yield return _nodes[p];
                    break;
                case LoopItem l:
                    foreach (var p in l.Phis.Where(_activity.IsUseful)) yield return _nodes[p];
                    break;
            }
        }
    }

    /// <summary>What one iteration saves: the carried values it started from, then everything it computed.</summary>
    private List<Node> Saved(LoopItem loop) =>
        loop.Phis.Where(_activity.IsUseful).Select(p => _nodes[p]).Concat(Scope(loop.Body))
            .Where(n => Needed().Contains(n.Id) && n.Type != ScalarType.Array).ToList();

    private bool Useful(IfItem branch) =>
        branch.Phis.Any(_activity.IsUseful) || Scope(branch.Then).Any() || Scope(branch.Else).Any();

    private bool Useful(LoopItem loop) => loop.Phis.Any(_activity.IsUseful) || Effects.Contains(loop.Body, id => _nodes[id]);

    // ================= reverse =================

    public void Reverse(Block block)
    {
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
                using (_w.WriteBlock("if (" + _nodes[branch.Condition].Name + ")"))
                {
                    PhiContributions(branch.Phis, 0);
                    Reverse(branch.Then);
                }
                using (_w.WriteBlock("else"))
                {
                    PhiContributions(branch.Phis, 1);
                    Reverse(branch.Else);
                }
                break;
            case LoopItem loop:
                if (!Active(loop)) return;
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
            var n = _nodes[p];
            _w.Line(Declarations.Declared(n) + " " + _adjoint[p] + " = " + (n.Type == ScalarType.Adjointable ? n.Name + ".ZeroAdjoint()" : ScalarLiterals.Zero(n.Type)) + ";");
        }
        var outer = _restored;
        // Inside another loop, this loop's carried variables were declared in the forward body,
        // which the reverse sweep cannot see: declare them here.
        foreach (var p in loop.Phis.Where(p => Needed().Contains(p)))
        {
            if (outer is not null && !outer.Contains(p))
            {
                outer.Add(p);
                _w.Line(Declarations.DeclaredAtZero(_nodes[p], _nullableSyntax));
            }
        }
        _restored = new HashSet<int>();
        // A local array's versions share one adjoint array: nothing to carry between iterations.
        var active = loop.Phis.Where(_activity.IsActive).Select(p => _nodes[p]).Where(p => p.Type != ScalarType.Array).ToList();
        _w.Line("// loop: walk the iterations backwards, restoring each from the tape");
        using (_w.WriteBlock("for (int " + loop.Countdown + " = " + Restore("int") + "; " + loop.Countdown + " > 0; " + loop.Countdown + "--)"))
        {
            var saved = Saved(loop);
            for (int i = saved.Count - 1; i >= 0; i--)
            {
                var n = saved[i];
                bool isOwnPhi = loop.Phis.Contains(n.Id);
                if (!isOwnPhi) _restored.Add(n.Id);
                _w.Line((isOwnPhi ? "" : Declarations.Declared(n) + " ") + n.Name + " = " + Restore(n.TypeName) + ";");
            }
            // The adjoint carried into the next iteration belongs to this iteration's last value. One value can
            // be carried by several variables (`t *= x; if (…) return t;` carries t and the returned value):
            // the first declares its adjoint, the others add into it.
            var declaredHere = new HashSet<int>();
            foreach (var p in active)
            {
                int back = p.Inputs[1];
                if (back == p.Id) continue;
                if (_activity.IsActive(back))
                {
                    ResetIfPending(back);
                    if (_declared[back] && !IsInside(back, loop.Body) || declaredHere.Contains(back)) _w.Line(_adjoint[back] + " += " + _adjoint[p.Id] + ";");
                    else
                    {
                        declaredHere.Add(back);
                        _declared[back] = true;
                        _w.Line(Declarations.Declared(_nodes[back]) + " " + _adjoint[back] + " = " + _adjoint[p.Id] + ";");
                    }
                }
                // The value carried in was overwritten: what reached it does not flow further back.
                _zeroPending[p.Id] = true;
            }
            Reverse(loop.Body);
            foreach (var p in active) ResetIfPending(p.Id);
        }
        _restored = outer;
        // What reaches the first iteration flows into the values the loop started from.
        foreach (var p in active)
        {
            int entry = p.Inputs[0];
            if (_activity.IsActive(entry)) Contribute(entry, _adjoint[p.Id], subtract: false, _pending);
        }
        FlushPending();
    }

    private readonly List<string> _pending = new();

    private void FlushPending()
    {
        foreach (var line in _pending) _w.Line(line);
        _pending.Clear();
    }

    private void PhiContributions(EquatableArray<int> phis, int input)
    {
        foreach (var phi in phis.Where(_activity.IsActive))
        {
            var p = _nodes[phi];
            if (p.Type == ScalarType.Array) continue;
            int source = p.Inputs[input];
            if (_activity.IsActive(source)) Contribute(source, _adjoint[phi], subtract: false, _pending);
        }
        FlushPending();
    }

    /// <summary>Writes a reset that is still pending, before the adjoint is added into by other means.</summary>
    private void ResetIfPending(int id)
    {
        if (!_zeroPending[id]) return;
        _zeroPending[id] = false;
        _w.Line(_adjoint[id] + " = " + ScalarLiterals.Zero(_nodes[id].Type) + ";");
    }

    private void ReverseNode(Node node)
    {
        if (!_activity.IsActive(node.Id) || node.Gate is GateKind.Parameter or GateKind.Constant or GateKind.Phi) return;
        if (node.Call is { } call)
        {
            // The callee adds into the adjoints it is passed by ref: they must hold their value.
            foreach (int input in node.Inputs) ResetIfPending(input);
            CallEmitter.Reverse(_w, node, call, _nodes, _activity, _adjoint, _declared, i => Operand(node, i));
            return;
        }
        if (node.Gate == GateKind.Store)
        {
            // The stored value receives what reached its slot; the value it overwrote receives nothing.
            string slot = _adjoint[node.Id] + "[" + Operand(node, 1) + "]";
            var stored = new List<string>();
            if (_activity.IsActive(node.Inputs[2])) Contribute(node.Inputs[2], slot, subtract: false, stored);
            stored.Add(slot + " = " + ScalarLiterals.Zero(ElementType(node)) + ";");
            _w.Line("// " + node.Name + "[" + Operand(node, 1) + "]: store gate: route the slot's gradient to the stored value");
            foreach (var line in stored) _w.Line(line);
            return;
        }
        if (node.Gate is GateKind.NewArray) return;
        if (node.Gate == GateKind.Element)
        {
            _w.Line("// " + node.Name + ": element gate: route to its slot");
            _w.Line(_adjoint[node.Inputs[0]] + "[" + Operand(node, 1) + "] += " + _adjoint[node.Id] + ";");
            return;
        }
        var rule = LocalGradients.Reverse(node, i => Operand(node, i), node.Name, _adjoint[node.Id]);
        var lines = new List<string>();
        foreach (var c in rule.Contributions)
        {
            int input = node.Inputs[c.InputPosition];
            if (_activity.IsActive(input)) Contribute(input, c.Expression, c.Subtract, lines);
        }
        if (lines.Count == 0) return;
        _w.Line("// " + node.Name + ": " + rule.Comment);
        foreach (var line in lines) _w.Line(line);
    }

    private static ScalarType ElementType(Node array) => array.TypeName.StartsWith("float", System.StringComparison.Ordinal) ? ScalarType.Float : ScalarType.Double;

    /// <summary>Each local array that carries gradients gets one zeroed adjoint array, before the reverse sweep.</summary>
    public void DeclareArrayAdjoints()
    {
        foreach (var node in _nodes)
        {
            if (node.Type != ScalarType.Array) continue;
            _declared[node.Id] = true;
            if (node.Gate != GateKind.NewArray || !_nodes.Any(n => n.Type == ScalarType.Array && n.AdjointName == node.AdjointName && _activity.IsActive(n.Id))) continue;
            // An array created in a branch is null when the branch did not run; its adjoint is then never indexed.
            string length = _hoisted[node.Id] ? node.Name + "?.Length ?? 0" : node.Name + ".Length";
            _w.Line("var " + node.AdjointName + " = new " + node.TypeName.Substring(0, node.TypeName.Length - 2) + "[" + length + "];");
        }
    }

    /// <summary>d(input) += expression: declares the adjoint on its first contribution.</summary>
    private void Contribute(int input, string expression, bool subtract, List<string> lines)
    {
        if (_zeroPending[input])
        {
            _zeroPending[input] = false;
            lines.Add(_adjoint[input] + " = " + Negated(expression, subtract) + ";");
            return;
        }
        if (_declared[input])
        {
            lines.Add(_adjoint[input] + (subtract ? " -= " : " += ") + expression + ";");
            return;
        }
        _declared[input] = true;
        lines.Add(Declarations.Declared(_nodes[input]) + " " + _adjoint[input] + " = " + Negated(expression, subtract) + ";");
    }

    private static string Negated(string expression, bool subtract) =>
        !subtract ? expression
        : Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(expression) ? "-" + expression : "-(" + expression + ")";

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
            var n = _nodes[target];
            string zero = n.Type == ScalarType.Adjointable ? n.Name + ".ZeroAdjoint()" : ScalarLiterals.Zero(n.Type);
            _w.Line(Declarations.Declared(n) + " " + _adjoint[target] + " = " + zero + ";");
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
