namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// <c>Statement;</c>: a call into the Hessian workspace (seed, clear, copy, or a gate's second-order update), written
/// as it stands. Only the Hessian mode writes it (<c>Differentiator.Hessian</c>); its slots are numbers fixed when the
/// program is built, so it refers to no adjoint or tangent by name.
/// </summary>
/// <param name="Statement">The statement without its semicolon.</param>
internal sealed record SecondOrder(string Statement) : Step;
