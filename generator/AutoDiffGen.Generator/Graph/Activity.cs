using System.Collections.Generic;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// Activity analysis: a node needs an adjoint only when it is varied (depends on a differentiable
/// input) and useful (reaches the result). Nodes that are not useful are not even computed.
/// </summary>
internal sealed class Activity
{
    private readonly bool[] _useful;
    private readonly ComputationGraph _graph;

    public Activity(ComputationGraph graph)
    {
        _graph = graph;
        _useful = new bool[graph.Nodes.Length];
        if (graph.Result >= 0) _useful[graph.Result] = true;
        // Inputs have smaller ids than their consumers, so one backward pass suffices.
        for (int id = graph.Nodes.Length - 1; id >= 0; id--)
        {
            if (!_useful[id]) continue;
            foreach (var input in graph.Nodes[id].Inputs) _useful[input] = true;
        }
    }

    /// <summary>The node is needed to compute the result.</summary>
    public bool IsUseful(int id) => _useful[id];

    /// <summary>The node carries an adjoint in the reverse sweep.</summary>
    public bool IsActive(int id) => _useful[id] && _graph.Nodes[id].Varied;

    /// <summary>Nodes that are computed in the forward sweep, in order.</summary>
    public IEnumerable<Node> ForwardNodes()
    {
        foreach (var node in _graph.Nodes)
        {
            if (_useful[node.Id]) yield return node;
        }
    }
}
