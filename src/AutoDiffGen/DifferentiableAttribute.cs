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
        /// When true, <c>MBackward</c> checkpoints each loop at the top level of the method body: its forward sweep
        /// keeps only the loop-carried variables at the start of segments of about √k iterations (k the iterations
        /// so far), and its reverse sweep runs each segment forward again with a tape, then backwards. Tape memory
        /// grows like √n instead of n, for about one more forward run of the loop.
        /// </summary>
        /// <remarks>
        /// Only sound when a segment can be run again from its carried variables: a loop qualifies when it carries
        /// no local array and neither it nor anything after it writes an array element or calls another method
        /// (other than the math functions AutoDiffGen differentiates itself). A loop that does not qualify is taped
        /// as usual, and warning ADG0030 says why. Nested loops are checkpointed as part of their outermost loop:
        /// a Monte Carlo pricer that loops over paths and, in each, over time steps keeps one path's tape at a time
        /// times √(paths).
        /// </remarks>
        public bool Checkpoint { get; set; }
    }
}
