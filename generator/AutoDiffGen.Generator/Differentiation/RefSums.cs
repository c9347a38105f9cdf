using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Which <c>ref</c> parameters' adjoints are summed in a local: those that a run of the reverse sweep may write
/// more than once (each write through a ref is a load and a store, and chains loops through memory). One that is
/// written once at most is written through the ref directly. The walk sums them all; this pass undoes the sums
/// that do not pay.
/// </summary>
internal static class RefSums
{
    /// <summary>
    /// The program with a sum kept only for the parameters written more than once: for the others the sum's zero
    /// declaration and its final write through the ref go, and every write into the sum is a write through the ref
    /// (what the walk writes for a parameter it does not sum).
    /// </summary>
    /// <param name="program">The program with every parameter summed.</param>
    /// <param name="graph">Its graph.</param>
    public static AdjointProgram Run(AdjointProgram program, ComputationGraph graph)
    {
        var direct = new HashSet<int>();
        foreach (var sum in graph.Sums)
        {
            if (program.Adjoints[sum.Node] == sum.Name && Writes(program.Body, sum.Node, graph) < 2) direct.Add(sum.Node);
        }
        if (direct.Count == 0) return program;
        var adjoints = program.Adjoints.ToArray();
        foreach (int node in direct) adjoints[node] = graph.Nodes[node].AdjointName;
        return program with
        {
            Adjoints = new EquatableArray<string>(adjoints),
            Body = StepTree.Rewrite(program.Body, block => block.SelectMany(step => step switch
            {
                Contribute c when direct.Contains(c.Target) && IsZeroDeclaration(c, graph) => Enumerable.Empty<Step>(),
                // A start taken from a zero (ZeroStarts) is an add through the ref, as a declaration is.
                Contribute { How: Accumulation.Declare or Accumulation.Assign } c when direct.Contains(c.Target) => new Step[] { c with { How = Accumulation.Add } },
                DeclareAdjoint d when direct.Contains(d.Node) => Enumerable.Empty<Step>(),
                AddToParameter a when direct.Contains(a.Node) && a.Value.IsAdjoint(out int n) && n == a.Node => Enumerable.Empty<Step>(),
                _ => new[] { step },
            }).ToList()),
        };
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
                Segments g => Writes(g.Body, node, graph) > 0 ? 2 : 0,
                _ => 0,
            };
        }
        return count;
    }

    private static bool IsZeroDeclaration(Contribute c, ComputationGraph graph) =>
        c.How == Accumulation.Declare && c.Value.Refs.IsEmpty && c.Value.Text[0] == ScalarLiterals.Zero(graph.Nodes[c.Target].Type);
}
