using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// The optimisations of the adjoint program, in order. Each is a small rewrite of the IR that keeps every
/// gradient bit for bit (up to the exact doubling of <see cref="TwinContributions"/>).
/// </summary>
internal static class Passes
{
    public static AdjointProgram Optimise(ComputationGraph graph, Activity activity)
    {
        // A ref parameter's adjoint written more than once is summed in a local and written through the ref once.
        var first = TwinContributions.Run(Differentiator.Walk(graph, activity, _ => true), graph);
        var summed = RefSums.Choose(first, graph);
        var program = summed.Count == RefSums.Active(graph, activity)
            ? first
            : TwinContributions.Run(Differentiator.Walk(graph, activity, summed.Contains), graph);
        return AdjointCopies.Run(program, graph);
    }
}
