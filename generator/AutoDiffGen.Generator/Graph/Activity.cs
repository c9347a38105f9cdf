using System.Collections.Generic;
using System.Linq;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// Activity analysis: a node needs an adjoint only when it is varied (depends on a differentiable
/// input) and useful (reaches the result). Nodes that are not useful are not even computed. A branch
/// or loop that computes something useful makes its condition useful too. Throws and guard calls are useful
/// (and with them what they read, and the branches and loops around them), but carry no gradient.
/// </summary>
internal sealed partial class Activity
{
    private readonly bool[] _useful;
    private readonly bool[] _gradient;
    private readonly ComputationGraph _graph;

    public Activity(ComputationGraph graph)
    {
        _graph = graph;
        _useful = new bool[graph.Nodes.Length];
        _gradient = new bool[graph.Nodes.Length];
        if (graph.Roots.IsEmpty && graph.Outputs.IsEmpty) return;
        var work = new Stack<int>();
        foreach (int root in Roots(graph)) Mark(root, work);
        // What the method leaves in its ref/out and array parameters is computed, like its result (in Roots).
        // Throws and guard calls run for their effect: Backward must throw exactly when the method does.
        foreach (var node in graph.Nodes)
        {
            // A copy into an array throws for a bad range as the user's call does, read or not.
            if (Effects.IsEffect(node) || node.Gate == GateKind.CopyInto) Mark(node.Id, work);
        }
        // A statement that may throw runs though nothing reads it (`int q = 12 / k;`).
        foreach (int id in graph.Kept) Mark(id, work);
        // Conditions of useful control flow are useful; what they read may enable more: iterate.
        bool changed = true;
        while (changed)
        {
            Propagate(work);
            changed = MarkConditions(graph.Body, work);
        }

        // A gradient flows only through differentiable edges: a constant's text may read a varied
        // value (Floor(x), x > 0), but nothing flows back through it.
        foreach (int root in Roots(graph))
        {
            if (_gradient[root] || !graph.Nodes[root].Varied) continue;
            _gradient[root] = true;
            work.Push(root);
        }
        while (work.Count > 0)
        {
            var node = graph.Nodes[work.Pop()];
            if (node.Gate == GateKind.Constant) continue;
            foreach (var input in node.Inputs)
            {
                if (_gradient[input] || !graph.Nodes[input].Varied) continue;
                _gradient[input] = true;
                work.Push(input);
            }
        }
    }

    /// <summary>Where gradients enter: the result (or a vector result's components) and the outputs (their adjoints are the caller's seeds).</summary>
    private static IEnumerable<int> Roots(ComputationGraph graph)
    {
        foreach (int root in graph.Roots) yield return root;
        foreach (var output in graph.Outputs) yield return output.Node;
    }

    private void Mark(int id, Stack<int> work)
    {
        if (_useful[id]) return;
        _useful[id] = true;
        work.Push(id);
    }

    private void Propagate(Stack<int> work)
    {
        while (work.Count > 0)
        {
            foreach (var input in _graph.Nodes[work.Pop()].Inputs) Mark(input, work);
        }
    }

    private bool MarkConditions(Block block, Stack<int> work)
    {
        bool changed = false;
        foreach (var item in block.Items)
        {
            switch (item)
            {
                case IfItem b:
                    changed |= MarkConditions(b.Then, work) | MarkConditions(b.Else, work);
                    if (!_useful[b.Condition] && (b.Phis.Any(p => _useful[p]) || Defines(b.Then) || Defines(b.Else)))
                    {
                        Mark(b.Condition, work);
                        changed = true;
                    }
                    break;
                case LoopItem l:
                    changed |= MarkConditions(l.Body, work) | MarkConditions(l.Header, work);
                    if (!_useful[l.Condition] && Runs(l))
                    {
                        Mark(l.Condition, work);
                        changed = true;
                    }
                    break;
            }
        }
        return changed;
    }

    private bool Defines(Block block) => block.Items.Any(item => item switch
    {
        NodeItem n => _useful[n.Node],
        IfItem b => b.Phis.Any(p => _useful[p]) || Defines(b.Then) || Defines(b.Else),
        LoopItem l => Runs(l),
        _ => false,
    });

    /// <summary>
    /// The loop runs in the forward sweep: it carries a useful value, or its body throws, or its test or body computes a
    /// value that is kept (a statement or test that may throw, a copy into an array), which the loop must run to reach.
    /// </summary>
    public bool Runs(LoopItem l) => l.Phis.Any(p => _useful[p]) || Effects.Contains(l.Body, id => _graph.Nodes[id]) || Defines(l.Body) || Defines(l.Header);

    /// <summary>The node is needed to compute the result.</summary>
    public bool IsUseful(int id) => _useful[id];

    /// <summary>The node carries an adjoint in the reverse sweep.</summary>
    public bool IsActive(int id) => _gradient[id];
}
