using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Model;

/// <summary>A parameter of the differentiable method and, when it is differentiable, its adjoint.</summary>
/// <param name="TypeName">The parameter type as C# text with global:: names.</param>
/// <param name="Scalar">Its scalar kind, or <see cref="ScalarType.Other"/> for pass-through parameters.</param>
/// <param name="AdjointName">"d" + the name with its first letter upper-cased, or null when it gets no adjoint.</param>
/// <param name="AdjointType">The adjoint parameter's type as written, e.g. "ref double", "double[]", "global::System.Span&lt;double&gt;".</param>
internal sealed record ParameterModel(string Name, string TypeName, ScalarType Scalar, string? AdjointName, string AdjointType)
{
    public bool IsDifferentiable => AdjointName is not null;
}
