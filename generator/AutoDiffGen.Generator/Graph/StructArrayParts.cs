using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// An array or span parameter of Complex or of a struct of reals (<c>Complex[]</c>, <c>Vector3[]</c>,
/// <c>ReadOnlySpan&lt;Particle&gt;</c>), carried as one array per component: <c>MBackward</c> copies each element's
/// components into those arrays as it starts, the sweeps read and differentiate them as any <c>double[]</c>/<c>float[]</c>
/// parameter (their adjoint arrays start at zero), and before it returns it adds those adjoints into the parameter's,
/// element by element (added into, as every adjoint; a callee passed the parameter itself adds into its adjoint directly).
/// </summary>
/// <param name="Parameter">The parameter's name.</param>
/// <param name="Adjoint">Its adjoint's name (<c>dP</c>).</param>
/// <param name="Paths">Each component's member path from the element (<c>Real</c>, <c>X</c>, <c>Position.X</c>).</param>
/// <param name="Types">Each component's type keyword (<c>double</c>, <c>float</c>).</param>
/// <param name="Arrays">The local array of each component.</param>
/// <param name="AdjointArrays">The adjoint array of each of <paramref name="Arrays"/>.</param>
/// <param name="Index">The loop variable of the copies.</param>
/// <param name="AddBack">The statements (each in a loop of its own) that add element <paramref name="Index"/> of the component adjoints into the parameter's adjoint (set it, when <paramref name="Written"/>).</param>
/// <param name="Written">The method stores into the array: the component adjoints start from the parameter's (in/out, docs/ref-out.md).</param>
/// <param name="CountMember">How the parameter's length is read: <c>Length</c>, or <c>Count</c> for a list of class objects (Lowering/ClassArrayParameters).</param>
/// <param name="WriteBack">When <paramref name="Written"/>, the statement that puts element <paramref name="Index"/> of the component arrays back into the parameter after the forward sweep.</param>
internal sealed record StructArrayParts(string Parameter, string Adjoint, EquatableArray<string> Paths, EquatableArray<string> Types,
    EquatableArray<string> Arrays, EquatableArray<string> AdjointArrays, string Index, EquatableArray<string> AddBack,
    bool Written = false, EquatableArray<string> WriteBack = default, string CountMember = "Length")
{
    /// <summary>The parameter's length as C# text (<c>p.Length</c>, <c>items.Count</c>).</summary>
    public string LengthText => Parameter + "." + CountMember;
}
