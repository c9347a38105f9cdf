namespace AutoDiffGen.Generator.Model;

/// <summary>
/// A derivative form a caller needs from a [Differentiable] callee of the same compilation whose attribute does not ask for
/// it: the generator reads the callee's body and writes that form beside its other methods (<c>Lowering/DerivedForms</c>).
/// </summary>
internal enum DerivedForm
{
    /// <summary>The method's own file: every form its attribute asks for.</summary>
    None,

    /// <summary><c>MForward</c>, for a caller with <c>Forward = true</c>.</summary>
    Forward,

    /// <summary><c>MBackwardTangent</c> (forward over reverse), for a caller with <c>Hessian = true</c>.</summary>
    BackwardTangent,
}
