using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Elements the reverse sweep reads again instead of taping (issue 12, item 3 of docs/performance.md's GMM list): an
/// element <c>p[i]</c> (carrying a gradient) of an array parameter that the method never writes (nor any slice of it),
/// read at the top level of a loop body, whose indices the reverse sweep has anyway when it walks that iteration (a literal, a carried
/// variable of this loop or of a loop around it, a value this loop tapes). The parameter holds the same values in the
/// reverse sweep as when it was read, so <c>p[i]</c> then is the value the tape would have kept: one load instead of a
/// push, a pop and a bounds check. Not in a branch (an index from a branch not taken could be out of range), and only
/// for the reverse sweep itself (a Hessian–vector program pops each value's tangent too).
/// </summary>
internal sealed partial class Differentiator
{
    private HashSet<int>? _stableParameters;

    /// <summary>Of <paramref name="candidates"/> (what the iteration would save), the elements read again instead.</summary>
    private HashSet<int> Rereads(LoopItem loop, IReadOnlyCollection<Node> candidates)
    {
        var reread = new HashSet<int>();
        if (_policy != SweepPolicy.Backward) return reread;
        var top = new HashSet<int>(loop.Body.Items.OfType<NodeItem>().Select(n => n.Node));
        var phis = new HashSet<int>(EnclosingLoops(loop).SelectMany(l => l.Phis).Where(p => Needed().Contains(p)));
        var taped = new HashSet<int>(candidates.Select(n => n.Id));
        foreach (var node in candidates)
        {
            // Active: its own reverse rule reads its indices, so the loops restore them (an inactive one's may be skipped as dead).
            if (node.Gate != GateKind.Element || !top.Contains(node.Id) || !_activity.IsActive(node.Id) || !StableParameters().Contains(node.Inputs[0])) continue;
            if (node.Inputs.Skip(1).All(i => _nodes[i].IsInline || phis.Contains(i) || taped.Contains(i) && _nodes[i].Gate != GateKind.Element)) reread.Add(node.Id);
        }
        return reread;
    }

    /// <summary>In the reverse walk of an iteration, after its pops: the elements read again, in the order the forward sweep read them.</summary>
    private void EmitRereads(LoopItem loop, IReadOnlyCollection<Node> candidates)
    {
        var reread = Rereads(loop, candidates);
        foreach (var node in candidates.Where(n => reread.Contains(n.Id)).OrderBy(n => n.Id))
        {
            _restored?.Add(node.Id);
            Emit(new Compute(node.Id, true));
        }
    }

    /// <summary>Array parameters with no later version: no store, row, call output or slice of them is written.</summary>
    private HashSet<int> StableParameters()
    {
        if (_stableParameters is not null) return _stableParameters;
        var written = new HashSet<int>();
        foreach (var n in _nodes)
        {
            int? target = n.Gate switch
            {
                GateKind.Store or GateKind.NewRow when n.Inputs.Length > 0 => n.Inputs[0],
                GateKind.CallOutput when n.Type == ScalarType.Array && n.Inputs.Length > 1 => n.Inputs[1],
                _ => null,
            };
            // The written version goes back to its array through the versions before it (a loop's phi, a slice, an earlier store).
            if (target is { } t && Root(t) is { } root) written.Add(root);
        }
        _stableParameters = new HashSet<int>(_nodes.Where(n => n.Gate == GateKind.Parameter && n.Type is ScalarType.Array or ScalarType.Other && !written.Contains(n.Id)
            && IsElementContainer(n.TypeName)).Select(n => n.Id));
        return _stableParameters;
    }

    /// <summary>The node a version of an array starts from (a parameter, a creation), following stores, phis, slices and calls; null if unknown.</summary>
    private int? Root(int id)
    {
        for (int guard = 0; guard <= _nodes.Length; guard++)
        {
            var node = _nodes[id];
            switch (node.Gate)
            {
                case GateKind.Store or GateKind.NewRow or GateKind.Phi or GateKind.View or GateKind.Copy when node.Inputs.Length > 0:
                    id = node.Inputs[0];
                    break;
                case GateKind.CallOutput when node.Type == ScalarType.Array && node.Inputs.Length > 1:
                    id = node.Inputs[1];
                    break;
                default:
                    return id;
            }
        }
        return null;
    }

    /// <summary>double[]/float[], a span of them: what an <see cref="GateKind.Element"/> of one index reads.</summary>
    private static bool IsElementContainer(string typeName) =>
        typeName is "double[]" or "float[]" or "global::System.ReadOnlySpan<double>" or "global::System.ReadOnlySpan<float>"
            or "global::System.Span<double>" or "global::System.Span<float>";

    /// <summary>The loop and the loops around it.</summary>
    private List<LoopItem> EnclosingLoops(LoopItem loop)
    {
        var path = new List<LoopItem>();
        bool Find(Block block)
        {
            foreach (var item in block.Items)
            {
                switch (item)
                {
                    case LoopItem l when l == loop:
                        path.Add(l);
                        return true;
                    case LoopItem l:
                        path.Add(l);
                        if (Find(l.Header) || Find(l.Body)) return true;
                        path.RemoveAt(path.Count - 1);
                        break;
                    case IfItem b:
                        if (Find(b.Then) || Find(b.Else)) return true;
                        break;
                }
            }
            return false;
        }
        Find(_graph.Body);
        return path;
    }
}
