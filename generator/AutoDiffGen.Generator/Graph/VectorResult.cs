using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Graph;

/// <summary>How the generated code builds a vector-valued result from its components.</summary>
internal enum VectorConstruction
{
    /// <summary><c>new Vector3(x, y, z)</c>: System.Numerics.Vector2/3/4, whose constructor takes every member in order.</summary>
    Constructor,
    /// <summary><c>(a, b)</c>: a tuple of reals.</summary>
    Tuple,
    /// <summary><c>T v = default(T); v.X = …; v.Start.Y = …;</c>: a user struct of real fields.</summary>
    Members,
}

/// <summary>
/// The result of a vector-valued method (a struct of reals or a tuple of reals): one node per component, in
/// <c>RealStructs.ResultComponents</c> order. <c>MBackward</c> seeds each component's adjoint with the matching member of
/// <c>dResult</c> (a vector–Jacobian product); <c>MForward</c> sets each member of <c>tResult</c> (a Jacobian–vector product).
/// </summary>
/// <param name="TypeName">The result type as C# text with global:: names.</param>
/// <param name="Construction">How a value of it is built from its components.</param>
/// <param name="Paths">Each component's member path (<c>X</c>, <c>Start.Y</c>, <c>Item1</c>).</param>
/// <param name="Types">Each component's scalar kind.</param>
/// <param name="Nodes">The node each component holds at the return.</param>
internal sealed record VectorResult(string TypeName, VectorConstruction Construction, EquatableArray<string> Paths, EquatableArray<ScalarType> Types, EquatableArray<int> Nodes)
{
    /// <summary>The jacobian's element type: double unless every component is a float.</summary>
    public ScalarType Element => System.Linq.Enumerable.All(Types, t => t == ScalarType.Float) ? ScalarType.Float : ScalarType.Double;
}
