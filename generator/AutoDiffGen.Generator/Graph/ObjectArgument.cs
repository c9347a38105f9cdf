using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// A caller's <c>[WithRespectTo]</c> class parameter passed on, as it was received, to a callee's <c>[WithRespectTo]</c>
/// parameter of the same class (<c>Loss(m, …) => Predict(m, x) …</c>). The call's input is the object (its value
/// argument); the gradient goes to the caller's components.
/// </summary>
/// <param name="Position">The callee's parameter.</param>
/// <param name="Adjoint">The caller's <c>dM</c>. Passed as <c>ref dM</c> when <see cref="Scratch"/> is empty: a class added
/// into in place, which the callee adds into as the caller's sweep does.</param>
/// <param name="Tangent">The caller's <c>tM</c>, the callee's tangent in <c>MForward</c>.</param>
/// <param name="Scratch">For a record replaced by <c>dM with { … }</c> at the end, a fresh local: the caller sums its
/// components in locals (dM_W) until then, so the callee adds into a zeroed copy (<see cref="Zero"/>) whose members are
/// added into those locals after the call; "" when <c>ref dM</c> is passed.</param>
/// <param name="Zero">The zeroed copy's C#: <c>dM with { W = 0.0, … }</c>; "" with no scratch.</param>
/// <param name="Components">The caller's component nodes of the object's real members (the call's inputs after its own).</param>
/// <param name="Paths">Each component's member path (<c>W</c>, <c>At.X</c>).</param>
internal sealed record ObjectArgument(int Position, string Adjoint, string Tangent, string Scratch, string Zero, EquatableArray<int> Components, EquatableArray<string> Paths);
