using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// A loop of the method's body whose iterations are independent but for sums (<c>total += f(i)</c>), and whose sums'
/// adjoints are known before it runs: <c>MBackward</c> runs each iteration's reverse right after its forward
/// (<see cref="Differentiator"/>'s fused loop), while its values are still in locals, instead of taping every iteration
/// for a reverse sweep after the whole forward one. The loop's tape then holds one iteration at most.
/// </summary>
/// <param name="Loop">The loop, an item of the method's body.</param>
/// <param name="Sums">Its carried sums (active phis) and each one's adjoint, as C# computed before the loop.</param>
/// <param name="ArraysBefore">The arrays created before the loop: their adjoints are created before it too.</param>
internal sealed record FusedLoop(LoopItem Loop, IReadOnlyList<(int Phi, string Adjoint)> Sums, HashSet<int> ArraysBefore);

/// <summary>
/// Finds the loop <see cref="FusedLoop"/> describes, or none. It qualifies only when every step of the proof holds:
/// <list type="bullet">
/// <item>a <c>while</c>/<c>for</c> directly in the body, with a loop inside (where a tape across iterations costs), no
/// checkpoint, no call, throw, guard, struct, view or array created in it, and no throw after it (the adjoints would
/// hold its part);</item>
/// <item>each real value it carries with a gradient is a sum: started from a value without gradient, read in the loop
/// only by <c>+</c>, <c>-</c> (as the left operand) and merges into the next version of itself;</item>
/// <item>after the loop each sum reaches the result alone, through <c>+</c>, <c>-</c>, negation, and products or quotients
/// by values computed before the loop, straight-line: its adjoint is <c>dResult</c> times those factors;</item>
/// <item>each local array the loop writes is written all over, <c>for (i = 0; i &lt; n; i++) t[i] = …</c> with <c>n</c> its
/// length, before the loop reads it in an iteration (so no iteration reads what another wrote), and is not used after
/// the loop; an array the loop only reads is not written after it (nor is any parameter array written at all).</item>
/// </list>
/// </summary>
internal sealed class FusedLoops
{

    private readonly ComputationGraph _graph;
    private readonly EquatableArray<Node> _nodes;
    private readonly Activity _activity;
    private readonly Dictionary<int, List<int>> _readers = new();

    private FusedLoops(ComputationGraph graph, Activity activity)
    {
        _graph = graph;
        _nodes = graph.Nodes;
        _activity = activity;
        foreach (var node in _nodes)
        {
            foreach (int input in node.Inputs)
            {
                if (!_readers.TryGetValue(input, out var list)) _readers[input] = list = new List<int>();
                list.Add(node.Id);
            }
        }
    }

    /// <summary>The loop to fuse, or null.</summary>
    public static FusedLoop? Find(ComputationGraph graph, Activity activity)
    {
        if (graph.IsVoid || graph.Vector is not null || graph.Checkpoint is not null || graph.WritesArrays || graph.OpaqueCalls
            || !graph.Outputs.IsEmpty || !activity.IsActive(graph.Result)) return null;
        var finder = new FusedLoops(graph, activity);
        var items = graph.Body.Items;
        for (int i = 0; i < items.Length; i++)
        {
            if (items[i] is LoopItem loop && finder.Qualifies(loop, i) is { } fused) return fused;
        }
        return null;
    }

    private FusedLoop? Qualifies(LoopItem loop, int position)
    {
        if (!loop.ConditionFirst || !loop.Phis.Any(_activity.IsActive) || !loop.Body.Items.Any(ContainsLoop)) return null;
        var inside = new HashSet<int>(Defined(loop));
        var items = _graph.Body.Items;
        var before = new HashSet<int>(items.Take(position).SelectMany(Defined));
        var after = new HashSet<int>(items.Skip(position + 1).SelectMany(Defined));
        if (inside.Any(id => Refused(_nodes[id])) || Throws(loop.Body) || items.Skip(position + 1).Any(ThrowsAfter)) return null;
        if (!ArraysQualify(loop, inside, before, after)) return null;
        var sums = new List<(int, string)>();
        foreach (int phi in loop.Phis.Where(_activity.IsActive))
        {
            var p = _nodes[phi];
            if (p.Type == ScalarType.Array) continue;
            if (p.Type is not (ScalarType.Double or ScalarType.Float) || !IsSum(p, inside)) return null;
            if (ExitAdjoint(phi, inside, before, items.Skip(position + 1).OfType<NodeItem>().Select(n => n.Node)) is not { } adjoint) return null;
            sums.Add((phi, adjoint));
        }
        if (sums.Count == 0) return null;
        var arrays = new HashSet<int>(before.Where(id => _nodes[id].Type == ScalarType.Array));
        return new FusedLoop(loop, sums, arrays);
    }

    private static bool ContainsLoop(Item item) => item switch
    {
        LoopItem => true,
        IfItem b => b.Then.Items.Any(ContainsLoop) || b.Else.Items.Any(ContainsLoop),
        _ => false,
    };

    /// <summary>What the fused iteration does not handle: it keeps today's sweep.</summary>
    private static bool Refused(Node node) =>
        node.Call is not null || Effects.IsEffect(node) || node.Type == ScalarType.Adjointable
        || node.Gate is GateKind.NewArray or GateKind.CopyArray or GateKind.SpareArray or GateKind.CloneArray or GateKind.CopyInto
            or GateKind.NewRow or GateKind.View or GateKind.Pack or GateKind.Part or GateKind.CallOutput or GateKind.Call;

    private bool Throws(Block block) => block.Items.Any(item => item switch
    {
        NodeItem n => Effects.IsEffect(_nodes[n.Node]),
        IfItem b => Throws(b.Then) || Throws(b.Else),
        LoopItem l => Throws(l.Header) || Throws(l.Body),
        _ => false,
    });

    private bool ThrowsAfter(Item item) => item switch
    {
        NodeItem n => Effects.IsEffect(_nodes[n.Node]) || _nodes[n.Node].Call is not null,
        IfItem b => Throws(b.Then) || Throws(b.Else) || b.Then.Items.Concat(b.Else.Items).Any(ThrowsAfter),
        LoopItem l => Throws(l.Header) || Throws(l.Body) || l.Body.Items.Any(ThrowsAfter),
        _ => false,
    };

    /// <summary>Every node an item defines, nested ones and phis included.</summary>
    private static IEnumerable<int> Defined(Item item) => item switch
    {
        NodeItem n => new[] { n.Node },
        IfItem b => b.Then.Items.Concat(b.Else.Items).SelectMany(Defined).Concat(b.Phis),
        LoopItem l => l.Header.Items.Concat(l.Body.Items).SelectMany(Defined).Concat(l.Phis),
        _ => Enumerable.Empty<int>(),
    };

    private IEnumerable<int> Readers(int id) => _readers.TryGetValue(id, out var list) ? list : Enumerable.Empty<int>();

    // ================= sums =================

    /// <summary>
    /// The phi's versions in the loop (itself, then each <c>+</c>, <c>-</c> or merge of one) are read by nothing else in
    /// the loop, and the last one comes back to it: each iteration's adjoint of it is the one it leaves with.
    /// </summary>
    private bool IsSum(Node phi, HashSet<int> inside)
    {
        if (_activity.IsActive(phi.Inputs[0]) || phi.Inputs.Length != 2) return false;
        var versions = new HashSet<int> { phi.Id };
        var work = new Stack<int>();
        work.Push(phi.Id);
        while (work.Count > 0)
        {
            int version = work.Pop();
            foreach (int r in Readers(version).Distinct())
            {
                if (!inside.Contains(r))
                {
                    // After the loop only the phi itself is visible (the loop leaves at its test).
                    if (version != phi.Id) return false;
                    continue;
                }
                if (r == phi.Id) continue;
                var reader = _nodes[r];
                int count = reader.Inputs.Count(versions.Contains);
                bool step = reader.Gate switch
                {
                    GateKind.Add => reader.Inputs.Length == 2 && count == 1,
                    GateKind.Subtract => reader.Inputs.Length == 2 && count == 1 && versions.Contains(reader.Inputs[0]),
                    GateKind.Phi => true,
                    _ => false,
                };
                if (!step || reader.Type != phi.Type) return false;
                if (versions.Add(r)) work.Push(r);
            }
        }
        // A merge takes versions only (`if (c) s += a;` merges the new version with the old); the loop's own phis are phi alone.
        if (versions.Any(v => v != phi.Id && _nodes[v].Gate == GateKind.Phi && !_nodes[v].Inputs.All(versions.Contains))) return false;
        return versions.Contains(phi.Inputs[1]);
    }

    /// <summary>
    /// The adjoint the loop's exit value of the sum receives, as C# readable before the loop, or null: the sum reaches the
    /// result alone, through straight-line gates after the loop whose local gradient with respect to it is a value
    /// computed before the loop.
    /// </summary>
    private string? ExitAdjoint(int phi, HashSet<int> inside, HashSet<int> before, IEnumerable<int> straightAfter)
    {
        var straight = new HashSet<int>(straightAfter);
        string adjoint = "dResult";
        int current = phi;
        for (int guard = 0; guard < _nodes.Length; guard++)
        {
            var readers = Readers(current).Where(r => current != phi || !inside.Contains(r)).ToList();
            if (current == _graph.Result) return readers.Count == 0 ? adjoint : null;
            if (readers.Count != 1 || !straight.Contains(readers[0])) return null;
            var reader = _nodes[readers[0]];
            if (reader.Type != _nodes[phi].Type || reader.Inputs.Count(i => i == current) != 1) return null;
            int at = reader.Inputs[0] == current ? 0 : 1;
            string? other = reader.Inputs.Length == 2 ? Before(reader.Inputs[1 - at], before) : null;
            bool otherBefore = other is not null;
            string Other() => other!;
            switch (reader.Gate)
            {
                case GateKind.Add when reader.Inputs.Length == 2:
                case GateKind.Copy when reader.Inputs.Length == 1:
                    break;
                case GateKind.Subtract when reader.Inputs.Length == 2:
                    if (at == 1) adjoint = "-(" + adjoint + ")";
                    break;
                case GateKind.Negate when reader.Inputs.Length == 1:
                    adjoint = "-(" + adjoint + ")";
                    break;
                case GateKind.Multiply when otherBefore:
                    adjoint = "(" + adjoint + ") * " + Other();
                    break;
                case GateKind.Divide when otherBefore && at == 0:
                    adjoint = "(" + adjoint + ") / " + Other();
                    break;
                default:
                    return null;
            }
            current = reader.Id;
        }
        return null;
    }

    /// <summary>
    /// The value as C# readable before the loop: its local when computed before it (or a parameter, a literal, inline text of
    /// such values); for a value without gradient computed after it from such values only (<c>(double)n</c>), its expression.
    /// Null otherwise.
    /// </summary>
    private string? Before(int id, HashSet<int> before)
    {
        var node = _nodes[id];
        if (Available(id, before)) return node.IsInline && node.Name.StartsWith("-", System.StringComparison.Ordinal) ? "(" + node.Name + ")" : node.Name;
        if (node.Gate == GateKind.Constant && !node.IsInline && !_activity.IsActive(id) && node.Inputs.All(i => Available(i, before)) && node.Text.Length > 0)
        {
            return "(" + node.Text + ")";
        }
        return null;
    }

    /// <summary>Computed before the loop (or inline text of such values, a parameter, a literal): readable there.</summary>
    private bool Available(int id, HashSet<int> before, int depth = 0)
    {
        var node = _nodes[id];
        if (node.Gate == GateKind.Parameter) return true;
        if (node.IsInline) return depth < 16 && node.Inputs.All(i => Available(i, before, depth + 1));
        return before.Contains(id) && node.Type != ScalarType.Array && node.Type != ScalarType.Adjointable;
    }

    // ================= arrays =================

    private int Root(int id) => RootOf(_nodes, id);

    /// <summary>The array a version belongs to: its creation, or the parameter; -1 when it is neither.</summary>
    private static int RootOf(EquatableArray<Node> nodes, int id)
    {
        for (int guard = 0; guard < nodes.Length; guard++)
        {
            var node = nodes[id];
            switch (node.Gate)
            {
                case GateKind.NewArray or GateKind.Parameter:
                    return id;
                case GateKind.Store or GateKind.Phi when node.Inputs.Length > 0:
                    id = node.Inputs[0];
                    break;
                default:
                    return -1;
            }
        }
        return -1;
    }

    private bool ArraysQualify(LoopItem loop, HashSet<int> inside, HashSet<int> before, HashSet<int> after)
    {
        var written = new HashSet<int>();
        var used = new HashSet<int>();
        foreach (int id in inside)
        {
            var node = _nodes[id];
            for (int i = 0; i < node.Inputs.Length; i++)
            {
                if (_nodes[node.Inputs[i]].Type != ScalarType.Array) continue;
                int root = Root(node.Inputs[i]);
                if (root < 0 || _nodes[root].Type != ScalarType.Array || ElementIndex.IsJagged(_nodes[root].TypeName)) return false;
                // Elements read and stored, merges of versions, and int/bool values read from it (a length) only.
                bool reads = node.Gate == GateKind.Element && i == 0 || node.Gate == GateKind.Constant && node.Type != ScalarType.Array;
                if (!reads && node.Gate is not (GateKind.Store or GateKind.Phi)) return false;
                if (node.Gate == GateKind.Store && i != 0) return false;
                used.Add(root);
                if (node.Gate == GateKind.Store) written.Add(root);
            }
        }
        foreach (int root in used)
        {
            if (_nodes[root].Gate == GateKind.NewArray && !before.Contains(root)) return false;
            foreach (int id in after)
            {
                var node = _nodes[id];
                for (int i = 0; i < node.Inputs.Length; i++)
                {
                    if (_nodes[node.Inputs[i]].Type != ScalarType.Array || Root(node.Inputs[i]) != root) continue;
                    // What the loop wrote is not read after it (its adjoint would be needed before the loop); what it read is not written after it.
                    if (written.Contains(root)) return false;
                    if (!(node.Gate == GateKind.Element && i == 0 || node.Gate == GateKind.Constant && node.Type != ScalarType.Array)) return false;
                }
            }
        }
        return written.All(root => _nodes[root].Gate == GateKind.NewArray && _nodes[root].Inputs.Length == 1)
            && Covered(loop.Body, new HashSet<int>(), written);
    }

    /// <summary>Every read of a written array in the block comes after a loop that wrote it all over, in this iteration.</summary>
    private bool Covered(Block block, HashSet<int> covered, HashSet<int> written)
    {
        foreach (var item in block.Items)
        {
            switch (item)
            {
                case NodeItem n:
                    var node = _nodes[n.Node];
                    if (node.Type == ScalarType.Array) break;
                    foreach (int input in node.Inputs)
                    {
                        if (_nodes[input].Type == ScalarType.Array && Root(input) is var root && written.Contains(root)
                            && node.Gate != GateKind.Store && !covered.Contains(root)) return false;
                    }
                    break;
                case IfItem b:
                    if (!Covered(b.Then, new HashSet<int>(covered), written) || !Covered(b.Else, new HashSet<int>(covered), written)) return false;
                    break;
                case LoopItem l:
                    if (!Covered(l.Header, new HashSet<int>(covered), written) || !Covered(l.Body, new HashSet<int>(covered), written)) return false;
                    if (FullWrite(l) is { } root2 && written.Contains(root2)) covered.Add(root2);
                    break;
            }
        }
        return true;
    }

    private int? FullWrite(LoopItem loop) => FullWriteOf(_nodes, loop)?.Root;

    /// <summary>
    /// The array a loop writes all over: <c>for (i = 0; i &lt; n; i++) { …; t[i] = v; … }</c> with <c>n</c> the length it
    /// was created with, the store at the body's top level (it runs in every iteration: a break or continue before it puts
    /// it in a branch), the test nothing but the comparison (a break joins it). Null when none. Also the loop's counter
    /// and the store, which writes element <c>i</c> in iteration <c>i</c> (a fused read-back recomputes it from there).
    /// </summary>
    internal static (int Root, int Counter, int Store)? FullWriteOf(EquatableArray<Node> nodes, LoopItem loop)
    {
        if (!loop.ConditionFirst) return null;
        var condition = nodes[loop.Condition];
        if (condition.Gate != GateKind.Constant || condition.TypeName != "bool") return null;
        foreach (int phi in loop.Phis)
        {
            var p = nodes[phi];
            if (p.TypeName != "int" || p.Inputs.Length != 2 || !condition.Inputs.Contains(phi)) continue;
            var entry = nodes[p.Inputs[0]];
            var back = nodes[p.Inputs[1]];
            if (entry.Gate != GateKind.Constant || !entry.Inputs.IsEmpty || (entry.IsInline ? entry.Name : entry.Text) != "0" || back.Gate != GateKind.Constant || back.Text != p.Name + " + 1"
                || !loop.Body.Items.Contains(new NodeItem(back.Id))) continue;
            if (!TapeReservations.Compared(condition.Text, p.Name, out string op, out string bound) || op != "<") continue;
            foreach (var item in loop.Body.Items)
            {
                if (item is not NodeItem { Node: var s } || nodes[s] is not { Gate: GateKind.Store } store || store.Inputs.Length != 3 || !IsCounter(nodes, store.Inputs[1], p)) continue;
                int root = RootOf(nodes, store.Inputs[0]);
                if (root >= 0 && nodes[root].Gate == GateKind.NewArray && Operands.Of(nodes, nodes[root], 0) == bound) return (root, phi, s);
            }
        }
        return null;
    }

    /// <summary>The counter itself, or its inline text (an index is read through one).</summary>
    private static bool IsCounter(EquatableArray<Node> nodes, int id, Node counter) =>
        id == counter.Id || nodes[id] is { IsInline: true, Gate: GateKind.Constant } index && index.Inputs.Length == 1 && index.Inputs[0] == counter.Id && index.Name == counter.Name;
}
