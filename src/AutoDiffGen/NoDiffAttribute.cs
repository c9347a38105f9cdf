using System;

namespace AutoDiffGen
{
    /// <summary>
    /// Marks a parameter of a <see cref="DifferentiableAttribute"/> method as a constant: it is
    /// passed through to the generated <c>Backward</c> and receives no adjoint.
    /// </summary>
    /// <remarks>
    /// On a parameter of an ordinary helper (<c>static int ArgMax([NoDiff] double[] xs)</c>) it declares that
    /// the helper only reads that value: a <c>[Differentiable]</c> method may then pass it a value that
    /// carries a gradient where the helper's result is an integer, a bool or only compared (its derivative
    /// is zero there). Without it, that is the error ADG0016.
    /// On a field or auto-property it keeps that member a constant in methods marked
    /// <c>[Differentiable(WithRespectToThis = true)]</c> (a hyper-parameter, a learning rate): it gets no gradient in <c>dThis</c>.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Field | AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
    public sealed class NoDiffAttribute : Attribute
    {
    }
}
