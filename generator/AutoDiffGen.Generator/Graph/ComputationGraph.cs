using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// The lecture's computational graph of a method: SSA nodes (inputs always have smaller ids), the
/// structured body that computes them, and the node the method returns.
/// </summary>
/// <param name="Tapes">Names of the tapes, one per value type that loops save (e.g. "double" → "tapeDouble").</param>
/// <param name="ResultLocal">Holds the primal result when loops would restore the variable it lives in.</param>
internal sealed record ComputationGraph(EquatableArray<Node> Nodes, Block Body, int Result, EquatableArray<TapeName> Tapes, string ResultLocal)
{
    public bool HasLoops => ContainsLoop(Body);

    private static bool ContainsLoop(Block block) => System.Linq.Enumerable.Any(block.Items, item => item switch
    {
        LoopItem => true,
        IfItem b => ContainsLoop(b.Then) || ContainsLoop(b.Else),
        _ => false,
    });
}

/// <summary>The local that holds the tape for one value type.</summary>
internal sealed record TapeName(string TypeName, string Name);
