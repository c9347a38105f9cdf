using System.Collections.Generic;

namespace AutoDiffGen.Generator.Graph;

internal sealed partial class Activity
{
    private Activity(ComputationGraph graph, bool[] useful, bool[] gradient)
    {
        _graph = graph;
        _useful = useful;
        _gradient = gradient;
    }

    /// <summary>
    /// The same useful nodes, with gradients only on the paths from the parameters <paramref name="from"/> keeps: a node
    /// keeps its gradient when some kept parameter reaches it through nodes that carry one (not through a constant's text,
    /// as the full analysis stops there). A mixed <c>MBackward</c> (<c>Lowering/CarriedBackwards</c>) splits the inputs
    /// this way: the reverse sweep for some, a tangent carried forward for the others.
    /// </summary>
    public Activity Restricted(System.Func<Node, bool> from)
    {
        var nodes = _graph.Nodes;
        var readers = new List<int>[nodes.Length];
        foreach (var node in nodes)
        {
            foreach (var input in node.Inputs) (readers[input] ??= new List<int>()).Add(node.Id);
        }
        var reached = new bool[nodes.Length];
        var work = new Stack<int>();
        foreach (var node in nodes)
        {
            if (node.Gate != GateKind.Parameter || !_gradient[node.Id] || !from(node)) continue;
            reached[node.Id] = true;
            work.Push(node.Id);
        }
        while (work.Count > 0)
        {
            int id = work.Pop();
            if (readers[id] is not { } next) continue;
            foreach (int r in next)
            {
                if (reached[r] || !_gradient[r] || nodes[r].Gate == GateKind.Constant) continue;
                reached[r] = true;
                work.Push(r);
            }
        }
        var gradient = new bool[nodes.Length];
        for (int i = 0; i < gradient.Length; i++) gradient[i] = _gradient[i] && reached[i];
        return new Activity(_graph, _useful, gradient);
    }
}
