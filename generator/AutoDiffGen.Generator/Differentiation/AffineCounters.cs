using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Loop counters the reverse sweep recomputes instead of taping: an <c>int</c> carried by a loop, stepped by a constant
/// at the top level of the body (<c>i--</c>, <c>i += 2</c>), from an entry value that the reverse sweep can still read
/// when it walks the loop: a constant, a value computed outside every loop, or (for a loop inside others) a value of an
/// enclosing loop's body or one of its carried variables, which that loop's reverse iteration restores (taped once
/// per run of the inner loop instead of once per iteration: a triangle loop <c>for (j = i + 1; j &lt; d; j++) l++;</c>
/// tapes <c>j</c> and <c>l</c> per row, not per element; <see cref="Entries"/> makes them needed). In iteration k
/// (1-based) it holds <c>entry + (k − 1)·step</c>, and the reverse loop's countdown is k: a subtraction replaces a
/// push, a pop and a bounds check per iteration.
/// </summary>
internal sealed class AffineCounters
{
    private readonly EquatableArray<Node> _nodes;
    // The innermost loop whose body (or phis) defines a node; a node of a header maps to its loop too, listed in _inHeaders.
    private readonly Dictionary<int, LoopItem> _home = new();
    private readonly HashSet<int> _inHeaders = new();
    private readonly Dictionary<LoopItem, LoopItem?> _parent = new();

    public AffineCounters(ComputationGraph graph)
    {
        _nodes = graph.Nodes;
        Collect(graph.Body, null, header: false);
    }

    /// <summary>The node is computed inside some loop (a phi, or a value of a header, body or branch in one).</summary>
    public bool InLoop(int id) => _home.ContainsKey(id);

    private void Collect(Block block, LoopItem? loop, bool header)
    {
        foreach (var item in block.Items)
        {
            switch (item)
            {
                case NodeItem n when loop is not null:
                    _home[n.Node] = loop;
                    if (header) _inHeaders.Add(n.Node);
                    break;
                case IfItem b:
                    Collect(b.Then, loop, header);
                    Collect(b.Else, loop, header);
                    if (loop is null) break;
                    foreach (int phi in b.Phis)
                    {
                        _home[phi] = loop;
                        if (header) _inHeaders.Add(phi);
                    }
                    break;
                case LoopItem l:
                    _parent[l] = loop;
                    foreach (int phi in l.Phis) _home[phi] = l;
                    Collect(l.Header, l, header: true);
                    Collect(l.Body, l, header: false);
                    break;
            }
        }
    }

    /// <summary>
    /// Whether the reverse walk of <paramref name="loop"/> can read <paramref name="id"/>: defined outside every loop, or in
    /// the body (not the header) or the phis of a loop around it, or inline text of such values.
    /// </summary>
    private bool Available(int id, LoopItem loop, int depth = 0)
    {
        var node = _nodes[id];
        if (node.IsInline) return depth < 16 && node.Inputs.All(i => Available(i, loop, depth + 1));
        if (!_home.TryGetValue(id, out var home)) return true;
        if (_inHeaders.Contains(id)) return false;
        for (var outer = _parent[loop]; outer is not null; outer = _parent[outer])
        {
            if (outer == home) return true;
        }
        return false;
    }

    /// <summary>
    /// For each counter of a loop inside another that is recomputed from an entry defined in a loop around it: the
    /// counter and its entry, which the reverse sweep must restore (Differentiator.Needed adds it, read by the counter).
    /// </summary>
    public IEnumerable<(LoopItem Loop, int Counter, int Entry)> Entries()
    {
        foreach (var pair in _parent)
        {
            if (pair.Value is null) continue;
            foreach (int phi in pair.Key.Phis)
            {
                if (Affine(pair.Key, phi) is not null) yield return (pair.Key, phi, _nodes[phi].Inputs[0]);
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

    /// <summary>
    /// The trip count of a loop inside another as C# its reverse walk computes instead of popping it, with the values it
    /// reads (the counter's entry, the bound), which the loops around restore; null when it is taped. Only a
    /// <c>for (j = e; j &lt; b; j++)</c> (or <c>j &gt; b; j--</c>) whose test is nothing but that comparison (a <c>break</c>
    /// or <c>return</c> in the body joins the test) and whose bound is an <c>int</c> literal or an <c>int</c> defined
    /// outside the loop, read where the walk can read it: a step of 1 reaches the bound exactly, so the loop ran
    /// <c>b − e</c> times when e &lt; b, else none (taken <c>unchecked</c>, as the forward count wraps).
    /// </summary>
    public (string Count, EquatableArray<int> Reads)? Trips(LoopItem loop)
    {
        if (!loop.ConditionFirst || !_parent.TryGetValue(loop, out var parent) || parent is null) return null;
        var condition = _nodes[loop.Condition];
        if (condition.Gate != GateKind.Constant || condition.IsInline || condition.TypeName != "bool") return null;
        foreach (int phi in loop.Phis)
        {
            if (!condition.Inputs.Contains(phi) || Affine(loop, phi) is not { Amount: "1" } a) continue;
            if (!TapeReservations.Compared(condition.Text, _nodes[phi].Name, out string op, out string bound)) return null;
            if (op != (a.Step == "+" ? "<" : ">")) return null;
            var reads = new List<int> { _nodes[phi].Inputs[0] };
            if (!TapeReservations.IsIntLiteral(bound) || bound.StartsWith("-", System.StringComparison.Ordinal))
            {
                var limit = condition.Inputs.Where(i => i != phi && _nodes[i].Name == bound).Select(i => _nodes[i]).FirstOrDefault();
                if (limit is null || limit.TypeName != "int" || limit.IsInline && limit.Gate != GateKind.Parameter || !Available(limit.Id, loop)) return null;
                reads.Add(limit.Id);
            }
            string count = a.Step == "+"
                ? "(" + a.Entry + " < " + bound + " ? unchecked(" + bound + " - " + a.Entry + ") : 0)"
                : "(" + a.Entry + " > " + bound + " ? unchecked(" + a.Entry + " - " + bound + ") : 0)";
            return (count, reads.ToEquatableArray());
        }
        return null;
    }

    /// <summary>The loop directly around <paramref name="loop"/>, or null for a loop of the method's body.</summary>
    public LoopItem? Parent(LoopItem loop) => _parent.TryGetValue(loop, out var parent) ? parent : null;

    /// <summary>How a recomputed counter steps: "+" or "-", and its literal amount; null when it is taped.</summary>
    public (string Step, string Amount)? Stepping(LoopItem loop, int phi) => Affine(loop, phi) is { } a ? (a.Step, a.Amount) : null;

    private (string Entry, string Step, string Amount)? Affine(LoopItem loop, int phi)
    {
        var p = _nodes[phi];
        if (p.TypeName != "int" || p.Inputs.Length != 2) return null;
        var entry = _nodes[p.Inputs[0]];
        if (!_parent.TryGetValue(loop, out var parent)) return null;
        if (parent is null ? !entry.IsInline && _home.ContainsKey(entry.Id) : !Available(entry.Id, loop)) return null;
        var back = _nodes[p.Inputs[1]];
        if (back.Gate != GateKind.Constant || back.IsInline || !loop.Body.Items.Contains(new NodeItem(back.Id))) return null;
        if (back.Inputs.Length != 1 || back.Inputs[0] != phi) return null;
        string step;
        if (back.Text.StartsWith(p.Name + " - ", System.StringComparison.Ordinal)) step = "-";
        else if (back.Text.StartsWith(p.Name + " + ", System.StringComparison.Ordinal)) step = "+";
        else return null;
        string amount = back.Text.Substring(p.Name.Length + 3);
        if (amount.Length == 0 || amount.Length > 9 || !amount.All(c => c is >= '0' and <= '9')) return null;
        string e = entry.Name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.') ? entry.Name : "(" + entry.Name + ")";
        return (e, step, amount);
    }
}

/// <summary>
/// A reverse loop walked by its counter: <paramref name="Counter"/> from its last value back to <paramref name="Entry"/>;
/// <paramref name="Down"/>: the forward loop counted down, so the walk counts up.
/// </summary>
internal sealed record CounterWalk(string Counter, string Entry, bool Down);
