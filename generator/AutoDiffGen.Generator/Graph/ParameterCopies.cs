using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// A <c>double</c> or <c>float</c> parameter (by value) that a loop reads, copied into a local where the forward sweep
/// starts, and read through that local by <c>MBackward</c>. Why: on x64 Unix every call clobbers every vector register,
/// and RyuJIT keeps a floating-point variable that is live across any call in memory for its whole life, reloading (and
/// re-storing) it in every iteration of the loops that read it. A parameter is live from the method's entry, across the
/// workspace's <c>Enter</c> and the tapes' growth calls; the copy is born after them.
/// </summary>
/// <param name="Node">The parameter's node.</param>
/// <param name="Parameter">The parameter's name.</param>
/// <param name="Local">The copy's name.</param>
/// <param name="TypeName">Its type keyword.</param>
internal sealed record ParameterCopy(int Node, string Parameter, string Local, string TypeName)
{
    /// <summary>
    /// The floating-point parameter nodes read by a gate inside a loop (<paramref name="byValue"/>: the parameter names
    /// passed by value); a copy name for each from <paramref name="fresh"/>. Empty without loops.
    /// </summary>
    public static EquatableArray<ParameterCopy> Of(EquatableArray<Node> nodes, Block body, ISet<string> byValue, System.Func<string, string> fresh)
    {
        var read = new HashSet<int>();
        Collect(nodes, body, inLoop: false, read);
        return nodes
            .Where(n => n is { Gate: GateKind.Parameter, Type: ScalarType.Double or ScalarType.Float } && read.Contains(n.Id) && byValue.Contains(n.Name))
            .Select(n => new ParameterCopy(n.Id, n.Name, fresh(n.Name + "Copy"), n.TypeName))
            .ToEquatableArray();
    }

    /// <summary>The graph whose copied parameters' nodes are named by their copies: what <c>MBackward</c>'s sweeps read.</summary>
    public static ComputationGraph Apply(ComputationGraph graph)
    {
        if (graph.Copies.IsEmpty) return graph;
        var nodes = graph.Nodes.ToArray();
        foreach (var copy in graph.Copies) nodes[copy.Node] = nodes[copy.Node] with { Name = copy.Local };
        return graph with { Nodes = new EquatableArray<Node>(nodes) };
    }

    private static void Collect(EquatableArray<Node> nodes, Block block, bool inLoop, HashSet<int> read)
    {
        foreach (var item in block.Items)
        {
            switch (item)
            {
                case NodeItem n when inLoop:
                    read.UnionWith(nodes[n.Node].Inputs);
                    break;
                case IfItem b:
                    Collect(nodes, b.Then, inLoop, read);
                    Collect(nodes, b.Else, inLoop, read);
                    if (inLoop) foreach (var phi in b.Phis) read.UnionWith(nodes[phi].Inputs);
                    break;
                case LoopItem l:
                    foreach (var phi in l.Phis) read.UnionWith(nodes[phi].Inputs);
                    Collect(nodes, l.Header, inLoop: true, read);
                    Collect(nodes, l.Body, inLoop: true, read);
                    break;
            }
        }
    }
}
