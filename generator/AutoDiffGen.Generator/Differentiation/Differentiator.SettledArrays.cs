using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Local arrays that are settled before a loop (issue 12, the GMM's <c>qdiags</c>): created outside every loop, written
/// only by statements of the method's body that come before the loop's own statement, and used by nothing but element
/// reads, values without gradient (its Length), stores and loop merges (no call, slice, copy or alias, so no other name can write them). Inside that loop and
/// after it the array keeps its contents to the end of the forward sweep, and the reverse sweep never writes a primal
/// array, so its elements can be read again in the reverse walk instead of taped (<see cref="Differentiator.Rereads"/>).
/// </summary>
internal sealed partial class Differentiator
{
    private Dictionary<int, int>? _topItem;

    /// <summary>Whether array version <paramref name="array"/> belongs to a local array settled before the outermost loop of <paramref name="path"/>.</summary>
    private bool SettledBefore(int array, List<LoopItem> path)
    {
        if (path.Count == 0 || _nodes[array].Type != ScalarType.Array || Root(array) is not { } root || _nodes[root].Gate != GateKind.NewArray) return false;
        var top = TopItems();
        if (!top.TryGetValue(root, out int created) || _counters.InLoop(root) || !top.TryGetValue(LoopKey(path[0]), out int loop) || created >= loop) return false;
        // The version read is itself from before the loop: a local the reverse sweep has in scope.
        if (!top.TryGetValue(array, out int version) || version >= loop) return false;
        // Nothing but reads, stores and merges uses it (no call, copy or alias), and every store comes before the loop's statement.
        if (StoresIfConfined(root) is not { } stores) return false;
        foreach (var n in stores)
        {
            if (!top.TryGetValue(n.Id, out int at) || at >= loop) return false;
        }
        return true;
    }

    /// <summary>The stores into the array rooted at <paramref name="root"/>, when nothing but reads, stores and merges uses it; else null.</summary>
    private List<Node>? StoresIfConfined(int root)
    {
        var stores = new List<Node>();
        foreach (var n in _nodes)
        {
            if (!n.Inputs.Any(i => _nodes[i].Type == ScalarType.Array && Root(i) == root)) continue;
            switch (n.Gate)
            {
                // A read, or a value without gradient computed from it (t.Length): a call that writes an array is never a constant.
                case GateKind.Element or GateKind.Constant:
                    continue;
                // A merge of this array with another array would be a version that may be either.
                case GateKind.Phi when n.Inputs.All(i => Root(i) == root):
                    continue;
                case GateKind.Store when Root(n.Inputs[0]) == root && n.Inputs.Skip(1).All(i => _nodes[i].Type != ScalarType.Array):
                    stores.Add(n);
                    continue;
                default:
                    return null;
            }
        }
        return stores;
    }

    /// <summary>A loop's place in <see cref="TopItems"/>: its first phi, or its condition.</summary>
    private static int LoopKey(LoopItem loop) => loop.Phis.Length > 0 ? loop.Phis[0] : loop.Condition;

    /// <summary>For each node, the index of the statement of the method's body that holds it (branches and loops included).</summary>
    private Dictionary<int, int> TopItems()
    {
        if (_topItem is not null) return _topItem;
        _topItem = new Dictionary<int, int>();
        void Walk(Block block, int at)
        {
            foreach (var item in block.Items)
            {
                switch (item)
                {
                    case NodeItem n: _topItem[n.Node] = at; break;
                    case IfItem b:
                        _topItem[b.Condition] = at;
                        foreach (int p in b.Phis) _topItem[p] = at;
                        Walk(b.Then, at);
                        Walk(b.Else, at);
                        break;
                    case LoopItem l:
                        foreach (int p in l.Phis) _topItem[p] = at;
                        _topItem[l.Condition] = at;
                        Walk(l.Header, at);
                        Walk(l.Body, at);
                        break;
                }
            }
        }
        var items = _graph.Body.Items;
        for (int i = 0; i < items.Length; i++) Walk(new Block(new Helpers.EquatableArray<Item>(new[] { items[i] })), i);
        return _topItem;
    }
}
