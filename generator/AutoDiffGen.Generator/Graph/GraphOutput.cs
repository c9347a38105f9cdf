namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// A value the method leaves to its caller besides its result: the final value of a <c>ref</c> or <c>out</c>
/// parameter, or a store into an array parameter. Outputs are roots of the activity analysis like the result,
/// and the reverse sweep is seeded from them (see <c>Differentiation/Differentiator.Outputs</c>).
/// </summary>
/// <param name="Node">The node that holds the final value (a ref/out scalar), or the store (an array parameter).</param>
/// <param name="Parameter">For a <c>ref</c> scalar or an array parameter, the node of the value it came in with; -1 for <c>out</c>.</param>
/// <param name="Seed">The adjoint parameter that holds the incoming adjoint of the final value (<c>dX</c>, <c>dY</c>); "" when
/// it has none ([NoDiff]) or for an array store (its adjoint array is its own seed).</param>
/// <param name="Target">The parameter Backward writes the final value into at its end (<c>x</c>, <c>y</c>); "" for an array store.</param>
/// <param name="Kept">A local that keeps the final value when loops would restore the variable it lives in.</param>
/// <param name="SeedLocal">A local that holds the seed when it goes into another parameter's adjoint (<c>a = b</c>), read before
/// any ref parameter's adjoint is reset; "" when none is needed.</param>
internal sealed record GraphOutput(int Node, int Parameter, string Seed, string Target, string Kept, string SeedLocal = "")
{
    /// <summary>A store into an array parameter: no seed and nothing to write back (the forward sweep wrote it).</summary>
    public bool IsArrayStore => Target.Length == 0;
}
