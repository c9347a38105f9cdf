namespace AutoDiffGen.Generator.Helpers;

/// <summary>
/// The runtime's names for a jagged parameter's block in Hessian mode. A leaf, because Lowering (the block's size),
/// Differentiation and Emit (its reads and writes) all write it.
/// </summary>
internal static class JaggedBlockNames
{
    /// <summary>The runtime's count of a jagged parameter's elements (hess16), followed by the parameter and ')'.</summary>
    public const string Count = "global::AutoDiffGen.Internals.JaggedBlocks.Count(";
}
