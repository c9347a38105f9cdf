namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// A <c>Complex[]</c>, <c>ReadOnlySpan&lt;Complex&gt;</c> or <c>Span&lt;Complex&gt;</c> parameter, carried as two arrays of its parts:
/// <c>MBackward</c> copies the parameter's real and imaginary parts into two arrays as it starts, the sweeps read and
/// differentiate those as any <c>double[]</c> parameter (their adjoint arrays start at zero), and before it returns it
/// adds those adjoints into the parameter's, element by element (added into, as every adjoint; a callee passed the
/// parameter itself adds into its adjoint directly).
/// </summary>
/// <param name="Parameter">The parameter's name.</param>
/// <param name="Adjoint">Its adjoint's name (<c>dZ</c>).</param>
/// <param name="Re">The local array of its real parts.</param>
/// <param name="Im">The local array of its imaginary parts.</param>
/// <param name="AdjointRe">The adjoint array of <paramref name="Re"/>.</param>
/// <param name="AdjointIm">The adjoint array of <paramref name="Im"/>.</param>
/// <param name="Index">The loop variable of the copies.</param>
internal sealed record ComplexArrayParts(string Parameter, string Adjoint, string Re, string Im, string AdjointRe, string AdjointIm, string Index);
