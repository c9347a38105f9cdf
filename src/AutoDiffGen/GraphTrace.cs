using System;
using System.Collections.Generic;

namespace AutoDiffGen
{
    /// <summary>
    /// One traced run of a differentiable method: the forward value and the gradient of every node of its
    /// <see cref="GraphView"/>, indexed like <see cref="GraphView.Nodes"/>. Returned by a generated
    /// <c>MTrace</c> method; pass it to <see cref="GraphView.ToDot(GraphTrace, string)"/> to draw the numbers
    /// on the wires as the lecture's slides do.
    /// </summary>
    /// <remarks>
    /// <see cref="double.NaN"/> means "not recorded": a value that is not a number (a bool condition) or a
    /// value that carries no gradient (a constant, a <c>[NoDiff]</c> parameter).
    /// The gradient of a node is the total ∂result/∂value that accumulates at it: where a value fans out,
    /// every wire leaving it shows that total, not the share each consumer sent back.
    /// </remarks>
    public sealed class GraphTrace
    {
        private readonly double[] _values;
        private readonly double[] _gradients;

        /// <summary>Creates a trace from one value and one gradient per node.</summary>
        /// <param name="values">The forward value of each node, or NaN.</param>
        /// <param name="gradients">The gradient (adjoint) of each node, or NaN.</param>
        public GraphTrace(double[] values, double[] gradients)
        {
            if (values is null) throw new ArgumentNullException(nameof(values));
            if (gradients is null) throw new ArgumentNullException(nameof(gradients));
            if (values.Length != gradients.Length) throw new ArgumentException("One value and one gradient per node.", nameof(gradients));
            _values = values;
            _gradients = gradients;
        }

        /// <summary>The forward value of each node, indexed like <see cref="GraphView.Nodes"/>; NaN when not recorded.</summary>
        public IReadOnlyList<double> Values => _values;

        /// <summary>The gradient of the result with respect to each node, indexed like <see cref="GraphView.Nodes"/>; NaN when not recorded.</summary>
        public IReadOnlyList<double> Gradients => _gradients;

        /// <summary>The forward value of node <paramref name="node"/>.</summary>
        /// <param name="node">A node index.</param>
        public double Value(int node) => _values[node];

        /// <summary>The gradient of node <paramref name="node"/>.</summary>
        /// <param name="node">A node index.</param>
        public double Gradient(int node) => _gradients[node];
    }
}
