using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// A call in a Hessian-mode method to a callee with <c>Hessian = true</c>, whose arguments are double scalars: the
/// forward-over-reverse product treats it as a gate whose first partials are the callee's gradient (its Backward,
/// seeded with 1) and whose second partials along the arguments' tangents are the callee's <c>MHessianVector</c>.
/// </summary>
/// <param name="Product">The callee's <c>MHessianVector</c> as C# text.</param>
/// <param name="ProductLocal">The local that takes the callee's H·t in the reverse sweep.</param>
/// <param name="ForwardGradient">Per callee parameter: the local that takes ∂callee/∂parameter in the forward sweep (for the
/// result's tangent), "" for a parameter with no adjoint.</param>
/// <param name="ReverseGradient">Per callee parameter: the same in the reverse sweep (recomputed there: a loop's iterations
/// are reversed one at a time, and the forward sweep's locals are out of scope).</param>
internal sealed record CurvatureInfo(string Product, string ProductLocal, EquatableArray<string> ForwardGradient, EquatableArray<string> ReverseGradient);
