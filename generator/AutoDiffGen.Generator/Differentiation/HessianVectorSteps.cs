using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Differentiation;

// The step only the forward-over-reverse Hessian–vector program writes (Differentiator.HessianVector). In that
// program, AdjointProgram.Adjoints has 3N names: node id → its adjoint, N + id → its tangent along the direction,
// 2N + id → its adjoint's tangent. Tangent, DeclareTangent and Contribute steps refer to them by those numbers.

/// <summary><c>[T ]t = tape[--top];</c>: the tangent of a value of the iteration being reversed, pushed right after the value.</summary>
/// <param name="Reference">The tangent's reference (N + node id).</param>
/// <param name="Declare">Declares the tangent's local.</param>
/// <param name="Tape">The tape it comes from (the value's).</param>
internal sealed record TangentPop(int Reference, bool Declare, TapeName Tape) : Step;

/// <summary>
/// <c>Call;</c>: a call the forward-over-reverse product makes for a call it differentiates twice (the callee's Backward
/// for its first partials, its <c>MHessianVector</c> for the second ones along the arguments' tangents), see
/// <c>Differentiator.Curvature</c>. Its references name tangents (N + node id).
/// </summary>
internal sealed record CurvatureCall(AdjointText Call) : Step;

/// <summary>
/// <c>var tdA = new T[Length];</c>: the tangent of a local array's adjoint array, created (zeroed) where its adjoint
/// array is (<see cref="NewAdjointArray"/>): each element is the tangent of that element's adjoint.
/// </summary>
/// <param name="Reference">The adjoint's tangent (2N + node id).</param>
/// <param name="Length">The array's length (for a double[,], both lengths), as C#.</param>
internal sealed record NewAdjointTangentArray(int Reference, string Length) : Step;
