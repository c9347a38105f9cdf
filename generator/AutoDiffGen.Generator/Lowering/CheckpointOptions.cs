using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>[Differentiable(Checkpoint = true)]</c>: gives the graph the locals checkpointed loops use, and warns
/// (ADG0030) for each top-level loop that cannot be checkpointed, or when there is none; those are taped as usual.
/// </summary>
internal static class CheckpointOptions
{
    public static ComputationGraph Apply(ComputationGraph graph, NameAllocator names, string method, Location at, List<DiagnosticInfo> diagnostics)
    {
        var loops = Checkpointing.TopLevelLoops(graph.Body).ToList();
        if (loops.Count == 0)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.CheckpointNotApplied, at, method, "its body",
                "it has no loop outside a branch (only a loop at the top level of the body is checkpointed)"));
            return graph;
        }
        foreach (int i in loops)
        {
            if (Checkpointing.WhyNot(graph, i) is { } why)
            {
                var loop = (LoopItem)graph.Body.Items[i];
                string which = loop.Label.Length > 0 ? "the loop '" + loop.Label + "'" : "a loop";
                diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.CheckpointNotApplied, at, method, which, why));
            }
        }
        return graph with
        {
            Checkpoint = new CheckpointNames(names.Fresh("checkpointNext"), names.Fresh("checkpointSpacing"), names.Fresh("segmentEnd"), names.Fresh("segmentStart")),
        };
    }
}
