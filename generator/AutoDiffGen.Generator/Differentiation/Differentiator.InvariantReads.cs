using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Elements an inner loop reads but does not change (issue 12, the GMM's <c>xc[i]</c> in <c>for (j…) qx[j] += icf[li] * xc[i]</c>):
/// at the top level of the inner loop's body, an element of a local array at an index computed outside that loop, where
/// nothing in the loop uses the array but element reads (no store, copy, fill, call, view or alias of it: a write through
/// any other name is a use of the array's root). Every iteration of the inner loop reads the same value, so the loop
/// around it tapes it once per its own iteration instead of the inner loop once per element: the local is declared before
/// the inner loop (zero if that loop does not run, when nothing in the reverse sweep reads it), pushed with the outer
/// iteration's values and popped where the outer iteration is reversed, before the inner loop's reverse walk. Only for the
/// reverse sweep (a Hessian–vector program pushes tangents with each value), outside checkpointed methods, and not for
/// arrays settled before the loop (read again in the reverse walk instead, <see cref="SettledBefore"/>).
/// </summary>
internal sealed partial class Differentiator
{
    private Dictionary<LoopItem, List<Node>>? _invariantReads;
    private Dictionary<LoopItem, List<Node>>? _liftedReads;

    /// <summary>The elements <paramref name="inner"/> reads that its enclosing loop tapes instead.</summary>
    private List<Node> InvariantReads(LoopItem inner)
    {
        FindInvariantReads();
        return _invariantReads!.TryGetValue(inner, out var reads) ? reads : new List<Node>();
    }

    /// <summary>The elements of the loops directly in <paramref name="outer"/>'s body that <paramref name="outer"/> tapes per iteration.</summary>
    private List<Node> LiftedReads(LoopItem outer)
    {
        FindInvariantReads();
        return _liftedReads!.TryGetValue(outer, out var reads) ? reads : new List<Node>();
    }

    private void FindInvariantReads()
    {
        if (_invariantReads is not null) return;
        _invariantReads = new Dictionary<LoopItem, List<Node>>();
        _liftedReads = new Dictionary<LoopItem, List<Node>>();
        if (_policy != SweepPolicy.Backward || _graph.Checkpoint is not null) return;
        foreach (var (loop, path) in LoopPaths())
        {
            // Only a loop directly in the body of the loop around it (not in a branch of it).
            if (path.Count > 1 && path[path.Count - 2].Body.Items.Contains(loop)) Lift(path[path.Count - 2], loop, path);
        }
    }

    private void Lift(LoopItem outer, LoopItem inner, List<LoopItem> path)
    {
        if (!Active(outer) || !Active(inner)) return;
        var inside = new HashSet<int>(DefinedIn(inner));
        var reads = new List<Node>();
        foreach (var item in inner.Body.Items.OfType<NodeItem>())
        {
            var node = _nodes[item.Node];
            if (node.Gate != GateKind.Element || node.IsInline || node.Type is not (ScalarType.Double or ScalarType.Float) || !_activity.IsUseful(node.Id)) continue;
            if (Root(node.Inputs[0]) is not { } root || _nodes[root].Gate != GateKind.NewArray || SettledBefore(node.Inputs[0], path)) continue;
            if (!node.Inputs.All(i => OutsideLoop(i, inside)) || !OnlyReadIn(inside, root)) continue;
            reads.Add(node);
        }
        if (reads.Count == 0) return;
        _invariantReads![inner] = reads;
        if (!_liftedReads!.TryGetValue(outer, out var lifted)) _liftedReads[outer] = lifted = new List<Node>();
        lifted.AddRange(reads);
    }

    /// <summary>Defined outside the loop (an inline value: each of its inputs is).</summary>
    private bool OutsideLoop(int id, HashSet<int> inside) =>
        !inside.Contains(id) && (!_nodes[id].IsInline || _nodes[id].Inputs.All(i => OutsideLoop(i, inside)));

    /// <summary>Nothing defined in the loop uses the array rooted at <paramref name="root"/> but an element read or a value without gradient (its Length).</summary>
    private bool OnlyReadIn(HashSet<int> inside, int root) =>
        inside.All(id => _nodes[id].Gate is GateKind.Element or GateKind.Constant
            || !_nodes[id].Inputs.Any(i => _nodes[i].Type is ScalarType.Array or ScalarType.Other && Root(i) == root));
}
