namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// How the one walk of the graph declares what it computes. The Backward method and the graph trace are the
/// same sweeps under two policies.
/// </summary>
internal enum SweepPolicy
{
    /// <summary>
    /// <c>MBackward</c>: locals are declared where they are first needed (a branch's values just before it),
    /// an adjoint at its first contribution, the result's adjoint is the seed itself.
    /// </summary>
    Backward,

    /// <summary>
    /// <c>MTrace</c>: every value computed in a branch is declared before the first statement and every adjoint
    /// starts at zero, so that all of them can be read (recorded) at the end, whichever branch ran.
    /// </summary>
    Trace,

    /// <summary>
    /// <c>MForward</c>: the forward sweep alone, each computed value followed by its tangent (no tape: a loop carries
    /// its tangents like its values), see <c>Differentiator.Tangents</c>.
    /// </summary>
    Tangent,

    /// <summary>
    /// <c>MHessian</c>: the forward sweep alone, each computed value followed by the update of its gradient and Hessian
    /// (second-order forward mode, no tape), see <c>Differentiator.Hessian</c>.
    /// </summary>
    Hessian,

    /// <summary>
    /// <c>MHessianVector</c> by forward-over-reverse: <see cref="Backward"/>'s sweeps with every value followed by its
    /// tangent along the direction (taped with it in loops) and every adjoint contribution by its own tangent, see
    /// <c>Differentiator.HessianVector</c>.
    /// </summary>
    HessianVector,
}
