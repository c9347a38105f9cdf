using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Loop counters the reverse sweep recomputes instead of taping: an <c>int</c> carried by a loop, stepped by a constant
/// at the top level of the body (<c>i--</c>, <c>i += 2</c>), from an entry value that the reverse sweep can still read
/// (a constant, or a value computed outside every loop). A loop inside another one (in a method without checkpoints)
/// starts from that same entry on each run, and its reverse walk counts down each run's own trips. In iteration k (1-based)
/// it holds <c>entry + (k − 1)·step</c>, and the reverse loop's countdown is k: a subtraction replaces a push, a pop
/// and a bounds check per iteration.
/// </summary>
internal sealed class AffineCounters
{
    private readonly EquatableArray<Node> _nodes;
    private readonly HashSet<int> _inLoops = new();
    private readonly HashSet<LoopItem> _outermost = new();
    private readonly bool _checkpointed;

    public AffineCounters(ComputationGraph graph)
    {
        _nodes = graph.Nodes;
        _checkpointed = graph.Checkpoint is not null;
        Collect(graph.Body, inLoop: false);
    }

    /// <summary>The node is computed inside some loop (a phi, or a value of a header, body or branch in one).</summary>
    public bool InLoop(int id) => _inLoops.Contains(id);

    /// <summary>The same value wherever the reverse sweep reads it: a parameter, or made only of values outside every loop.</summary>
    private bool Invariant(int id) =>
        _nodes[id].Gate == GateKind.Parameter || (_nodes[id].IsInline ? _nodes[id].Inputs.All(Invariant) : !_inLoops.Contains(id));

    private void Collect(Block block, bool inLoop)
    {
        foreach (var item in block.Items)
        {
            switch (item)
            {
                case NodeItem n when inLoop:
                    _inLoops.Add(n.Node);
                    break;
                case IfItem b:
                    Collect(b.Then, inLoop);
                    Collect(b.Else, inLoop);
                    if (inLoop) _inLoops.UnionWith(b.Phis);
                    break;
                case LoopItem l:
                    if (!inLoop) _outermost.Add(l);
                    _inLoops.UnionWith(l.Phis);
                    Collect(l.Header, inLoop: true);
                    Collect(l.Body, inLoop: true);
                    break;
            }
        }
    }

    /// <summary>The value of <paramref name="phi"/> in the iteration the countdown names, or null when it is taped.</summary>
    public string? Recomputed(LoopItem loop, int phi, string countdown) =>
        Affine(loop, phi) is { } a ? "unchecked(" + a.Entry + " " + a.Step + " " + (a.Amount == "1" ? "(" + countdown + " - 1)" : "(" + countdown + " - 1) * " + a.Amount) + ")" : null;

    /// <summary>
    /// The reverse walk of a loop whose one recomputed counter steps by 1: the counter itself runs back from its last
    /// value to its entry (<c>for (i_1 = unchecked(i - (trips - 1)); i_1 &lt;= i; i_1++)</c>), a loop RyuJIT compiles
    /// better than a countdown that recomputes it. Only where the entry is provably not the end of the <c>int</c>
    /// range the walk moves toward (else the step past the entry would wrap and the test never fail): an
    /// <c>X.Length - k</c> or a literal below <c>int.MaxValue</c> when the loop counts down, an <c>X.Length</c>,
    /// <c>X.Length - k</c> or a non-negative literal when it counts up. Null: the countdown stays.
    /// </summary>
    public CounterWalk? Walk(LoopItem loop, IEnumerable<int> recomputed)
    {
        if (!_outermost.Contains(loop)) return null;
        var list = recomputed.Where(p => Affine(loop, p) is not null).ToList();
        if (list.Count != 1 || Affine(loop, list[0]) is not { Amount: "1" } a) return null;
        var entry = _nodes[_nodes[list[0]].Inputs[0]];
        string text = entry.IsInline ? entry.Name : entry.Text;
        bool down = a.Step == "-";
        bool bounded = System.Text.RegularExpressions.Regex.IsMatch(text, @"^[A-Za-z_][A-Za-z0-9_.]*\.Length - [1-9][0-9]{0,8}$")
            || !down && System.Text.RegularExpressions.Regex.IsMatch(text, @"^[A-Za-z_][A-Za-z0-9_.]*\.Length$")
            || System.Text.RegularExpressions.Regex.IsMatch(text, "^[0-9]{1,9}$");
        return bounded ? new CounterWalk(_nodes[list[0]].Name, a.Entry, down) : null;
    }

    private (string Entry, string Step, string Amount)? Affine(LoopItem loop, int phi)
    {
        if (!_outermost.Contains(loop) && _checkpointed) return null;
        var p = _nodes[phi];
        if (p.TypeName != "int" || p.Inputs.Length != 2) return null;
        var entry = _nodes[p.Inputs[0]];
        // An inner loop's entry local (`int j = 0;` in the outer body) is out of scope in the reverse sweep: a literal is written as it is.
        bool literal = !entry.IsInline && entry.Gate == GateKind.Constant && System.Text.RegularExpressions.Regex.IsMatch(entry.Text, "^[0-9]{1,9}$");
        if (_outermost.Contains(loop) ? !entry.IsInline && _inLoops.Contains(entry.Id) : !literal && !Invariant(entry.Id)) return null;
        var back = _nodes[p.Inputs[1]];
        if (back.Gate != GateKind.Constant || back.IsInline || !loop.Body.Items.Contains(new NodeItem(back.Id))) return null;
        if (back.Inputs.Length != 1 || back.Inputs[0] != phi) return null;
        string step;
        if (back.Text.StartsWith(p.Name + " - ", System.StringComparison.Ordinal)) step = "-";
        else if (back.Text.StartsWith(p.Name + " + ", System.StringComparison.Ordinal)) step = "+";
        else return null;
        string amount = back.Text.Substring(p.Name.Length + 3);
        if (amount.Length == 0 || amount.Length > 9 || !amount.All(c => c is >= '0' and <= '9')) return null;
        string name = !_outermost.Contains(loop) && !entry.IsInline && _inLoops.Contains(entry.Id) ? entry.Text : entry.Name;
        string e = name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.') ? name : "(" + name + ")";
        return (e, step, amount);
    }
}

/// <summary>
/// A reverse loop walked by its counter: <paramref name="Counter"/> from its last value back to <paramref name="Entry"/>;
/// <paramref name="Down"/>: the forward loop counted down, so the walk counts up.
/// </summary>
internal sealed record CounterWalk(string Counter, string Entry, bool Down);
