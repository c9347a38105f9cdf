using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// A call in a Hessian-mode method to a callee with <c>Hessian = true</c>: the forward-over-reverse product differentiates it
/// through the callee's <c>MBackwardTangent</c> (the tangent of its Backward, seeded), once in each sweep.
/// </summary>
/// <param name="Entry">The callee's <c>MBackwardTangent</c> as C# text.</param>
/// <param name="Types">Per callee parameter: "double" or "float", its scalar or element type; "" for one with no adjoint.</param>
/// <param name="Discard">Per scalar parameter: the local the forward sweep's call (seeded with zeros) passes by ref and never reads.</param>
/// <param name="Gradient">Per scalar parameter: the local that takes dZ·∂callee/∂parameter in the reverse sweep.</param>
/// <param name="Product">Per scalar parameter: the local that takes its tangent, t(dZ)·∂callee/∂parameter + dZ·(H·t) there.</param>
internal sealed record CurvatureInfo(string Entry, EquatableArray<string> Types, EquatableArray<string> Discard, EquatableArray<string> Gradient, EquatableArray<string> Product);
