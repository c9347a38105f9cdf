using System;

namespace AutoDiffGen
{
    /// <summary>
    /// Marks a method whose reverse-mode derivative the AutoDiffGen source generator writes as a
    /// paired <c>…Backward</c> method in the same partial type.
    /// </summary>
    /// <remarks>
    /// For <c>R M(T1 p1, …)</c> the generator emits <c>R MBackward(T1 p1, …, &lt;adjoints&gt;, R dResult = 1)</c>.
    /// It returns the primal value and adds <c>dResult · ∂M/∂p</c> into each adjoint.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class DifferentiableAttribute : Attribute
    {
        /// <summary>
        /// When true, the generator also emits a description of the method's computational graph.
        /// </summary>
        public bool Graph { get; set; }

        /// <summary>
        /// When true, the generator also emits the forward mode (a Jacobian–vector product):
        /// <c>R MForward(T1 p1, …, Tn pn, &lt;tangents&gt;, out R tResult)</c>, with one tangent per differentiable
        /// parameter, in parameter order, named <c>t</c> + the parameter's name (<c>x</c> → <c>tX</c>): a
        /// <c>double</c>/<c>float</c> by value, an array or span as a <c>ReadOnlySpan</c> of the same length.
        /// It returns the primal value and sets <c>tResult</c> = Σk ∂M/∂pk · tk, in one pass with no tape.
        /// </summary>
        /// <remarks>
        /// A method that calls another [Differentiable] method needs that callee to have <c>Forward = true</c>
        /// too (or a hand-written forward derivative, see <see cref="DerivativeOfAttribute"/>); tensor
        /// parameters are not supported in forward mode yet. Both are reported as ADG0018 where they occur.
        /// </remarks>
        public bool Forward { get; set; }

        /// <summary>
        /// When true, the generator also emits the dense Jacobian: <c>R MJacobian(T1 p1, …, Tn pn, Span&lt;J&gt; jacobian)</c>.
        /// It returns the primal value and WRITES (does not add) the m × n Jacobian, row-major, over the result's components
        /// (1 for a <c>double</c>/<c>float</c> result; a struct's members or a tuple's elements in declaration order) and the
        /// differentiable scalars in parameter order (a struct contributes its members, an array or span its elements in
        /// index order). <c>J</c> is <c>float</c> when the result and every differentiable scalar are <c>float</c>, else
        /// <c>double</c>; <c>jacobian.Length</c> must be m·n, or it throws <see cref="ArgumentException"/>.
        /// </summary>
        /// <remarks>
        /// One row per call of <c>MBackward</c> with that component's unit <c>dResult</c>: m reverse sweeps, the cheaper
        /// side for the few components of a struct or tuple result. Tensor parameters and results are not supported (ADG0003).
        /// </remarks>
        public bool Jacobian { get; set; }
    }
}
