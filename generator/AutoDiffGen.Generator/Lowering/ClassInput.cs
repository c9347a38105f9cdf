using System.Collections.Generic;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A <c>[WithRespectTo]</c> class parameter of the method being lowered, as a call to another <c>[Differentiable]</c> method
/// passes it on (<see cref="ExpressionLowering"/>'s class arguments). Lowering state only (never in a model).
/// </summary>
/// <param name="Name">The parameter's name.</param>
/// <param name="TypeName">Its class as C# text.</param>
/// <param name="Adjoint">Its adjoint <c>dM</c>.</param>
/// <param name="Tangent">Its tangent <c>tM</c> in <c>MForward</c>.</param>
/// <param name="Zero">The zeroed copy a callee adds into when the caller sums in locals (<c>dM with { W = 0.0, … }</c>, or
/// the constructor with zeros); "" for a class added into in place, whose <c>dM</c> is passed itself.</param>
/// <param name="Paths">The real components' paths as the generated code reads them (<c>W</c> for a private <c>_w</c> it exposes).</param>
/// <param name="Components">The same components' own paths, the keys of their nodes.</param>
/// <param name="Node">The node that stands for the object as a call's value argument.</param>
internal sealed record ClassInput(string Name, string TypeName, string Adjoint, string Tangent, string Zero, IReadOnlyList<string> Paths, IReadOnlyList<string> Components, int Node);
