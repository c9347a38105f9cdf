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
        /// side for the few components of a struct or tuple result. Tensor parameters and results, void methods, ref/out parameters,
        /// writes into array parameters and <see cref="WithRespectToThis"/> are not supported (ADG0003).
        /// </remarks>
        public bool Jacobian { get; set; }

        /// <summary>
        /// When true, the generator also emits the dense Hessian:
        /// <c>R MHessian(T1 p1, …, Tn pn, Span&lt;R&gt; hessian)</c>. It returns the primal value and writes (does not add)
        /// the matrix of second derivatives, row-major, over the differentiable scalars in parameter order: a
        /// <c>double</c>/<c>float</c> parameter is one scalar, an array or span contributes its elements in index order, a
        /// struct of reals (<c>Vector2</c>, a user record struct) its fields in declaration order; <c>[NoDiff]</c>, integer
        /// and other pass-through parameters contribute none. <c>hessian.Length</c> must be n², else it throws
        /// <see cref="ArgumentException"/>.
        /// </summary>
        /// <remarks>
        /// Computed in one forward pass (second-order forward mode: each value carries its gradient and Hessian), with
        /// no tape; its cost grows like n² per operation, so it is meant for small n (tens of scalars). At a kink
        /// (<c>Abs</c>, <c>Max</c>, <c>Min</c>, <c>Clamp</c>) and for piecewise-constant functions the second derivative
        /// is taken as 0, as the first derivative's conventions do. Calls of other [Differentiable] methods that
        /// carry a gradient, and local arrays that carry one, are not supported yet: ADG0019 says where.
        /// </remarks>
        public bool Hessian { get; set; }

        /// <summary>
        /// When true (on an instance method), the gradient also flows into the object's own state: every instance
        /// field and auto-property of type <c>double</c>, <c>float</c>, <c>double[]</c> or <c>float[]</c> that the
        /// method reads is an input, and <c>MBackward</c> takes one more adjoint, another instance of the same type,
        /// just before <c>dResult</c>: <c>R MBackward(p…, &lt;adjoints&gt;, T dThis, R dResult = 1)</c>
        /// (<c>ref T dThis</c> when <c>T</c> is a struct). It ADDS <c>dResult · ∂M/∂field</c> into <c>dThis</c>'s
        /// field of the same name; <c>dThis</c>'s arrays must have the lengths of this object's
        /// (<see cref="ArgumentException"/> otherwise).
        /// </summary>
        /// <remarks>
        /// An optimiser loop then reads: <c>var grad = new LinearModel(n); model.LossBackward(x, y, grad); model.Step(grad, lr);</c>.
        /// Mark inputs that are data, not parameters, <see cref="NoDiffAttribute"/> (<c>[NoDiff] double[] x</c>), and a
        /// member that is not a parameter of the model (a hyper-parameter) <see cref="NoDiffAttribute"/> as well.
        /// Without this opt-in a field read is a constant (it is not an input of the method). The method may not
        /// assign the object's members (ADG0007); a <c>readonly</c> real field or a get-only real property cannot
        /// receive its gradient (ADG0006, unless it is marked <see cref="NoDiffAttribute"/>); a read of a member
        /// whose type holds reals but has no adjoint (<c>double[,]</c>, <c>Vector2</c>, a computed property) and a
        /// call to an instance method of the same object are ADG0003. Not with <see cref="Forward"/> (ADG0018).
        /// </remarks>
        public bool WithRespectToThis { get; set; }

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
