using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Which <c>ref</c> parameters' adjoints are summed in a local: those that a run of the reverse sweep may write
/// more than once (each write through a ref is a load and a store, and chains loops through memory). One that is
/// written once at most is written through the ref directly.
/// </summary>
internal static class RefSums
{
    /// <summary>The number of summable parameters that carry a gradient.</summary>
    public static int Active(ComputationGraph graph, Activity activity) => graph.Sums.Count(s => activity.IsActive(s.Node));

    /// <param name="program">The program with every parameter summed.</param>
    /// <param name="graph">Its graph.</param>
    public static HashSet<int> Choose(AdjointProgram program, ComputationGraph graph)
    {
        var chosen = new HashSet<int>();
        foreach (var sum in graph.Sums)
        {
            if (Writes(program.Body, sum.Node, graph) >= 2) chosen.Add(sum.Node);
        }
        return chosen;
    }

    /// <summary>Most writes one run makes: the larger of a branch's two sides; a loop's body counts as many.</summary>
    private static int Writes(EquatableArray<Step> steps, int node, ComputationGraph graph)
    {
        int count = 0;
        foreach (var step in steps)
        {
            count += step switch
            {
                Contribute c when c.Target == node && !IsZeroDeclaration(c, graph) => 1,
                Invoke i when i.Writes.Contains(node) => 1,
                Branch b => System.Math.Max(Writes(b.Then, node, graph), b.Else is { } e ? Writes(e, node, graph) : 0),
                ReverseLoop r => Writes(r.Body, node, graph) > 0 ? 2 : 0,
                _ => 0,
            };
        }
        return count;
    }

    private static bool IsZeroDeclaration(Contribute c, ComputationGraph graph) =>
        c.How == Accumulation.Declare && c.Value.Refs.IsEmpty && c.Value.Text[0] == ScalarLiterals.Zero(graph.Nodes[c.Target].Type);
}
