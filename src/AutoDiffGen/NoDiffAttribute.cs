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
    /// On a method it is a stop-gradient (Clad's non_differentiable, JAX's <c>stop_gradient</c>): a call to it from a
    /// <c>[Differentiable]</c> method is evaluated as written and its result is a constant in every mode (reverse,
    /// forward, Hessian), so no gradient flows into its arguments, even where the result does depend on them.
    /// Such a method may not also be <c>[Differentiable]</c> (ADG0003), be the target of a <c>[DerivativeOf]</c> (ADG0013),
    /// or be passed a value that carries a gradient by <c>ref</c>, <c>in</c> or <c>out</c> (ADG0016).
    /// </remarks>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Field | AttributeTargets.Property | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class NoDiffAttribute : Attribute
    {
    }
}
