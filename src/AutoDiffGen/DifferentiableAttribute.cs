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
    }
}
