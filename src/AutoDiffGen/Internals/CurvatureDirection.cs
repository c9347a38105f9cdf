using System;
using System.ComponentModel;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// What a generated <c>…HessianVector</c> method needs to differentiate a call twice when the call passes arrays: the
    /// direction for the callee's own Hessian–vector product, built from the arguments' tangents in the callee's parameter
    /// order, and the sums over an array argument's elements. Called by generated code only.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class CurvatureDirection
    {
        private int _at;

        /// <summary>A direction of <paramref name="length"/> entries, filled in order by the Add and Skip calls.</summary>
        /// <param name="length">The callee's number of differentiable scalars.</param>
        public CurvatureDirection(int length) => Values = new double[length];

        /// <summary>The direction, once every argument's tangent is added.</summary>
        public double[] Values { get; }

        /// <summary>A scalar argument's tangent.</summary>
        /// <param name="tangent">The tangent.</param>
        public CurvatureDirection Add(double tangent)
        {
            Values[_at++] = tangent;
            return this;
        }

        /// <summary>An array argument's tangent, element by element.</summary>
        /// <param name="tangent">The tangent.</param>
        public CurvatureDirection Add(ReadOnlySpan<double> tangent)
        {
            tangent.CopyTo(Values.AsSpan(_at));
            _at += tangent.Length;
            return this;
        }

        /// <summary>A constant array argument: its elements' tangents are zero.</summary>
        /// <param name="length">Its length.</param>
        public CurvatureDirection Skip(int length)
        {
            _at += length;
            return this;
        }

        /// <summary>A zeroed gradient for an array argument (null is an empty array).</summary>
        /// <param name="argument">The argument.</param>
        public static double[] Gradient(double[]? argument) => new double[argument?.Length ?? 0];

        /// <summary>A zeroed gradient for a span argument.</summary>
        /// <param name="argument">The argument.</param>
        public static double[] Gradient(ReadOnlySpan<double> argument) => new double[argument.Length];

        /// <summary>Σⱼ gradient[j]·tangent[j]: the part of a call's tangent that comes from an array argument.</summary>
        /// <param name="gradient">The callee's gradient with respect to the argument.</param>
        /// <param name="tangent">The argument's tangent.</param>
        public static double Dot(double[] gradient, ReadOnlySpan<double> tangent)
        {
            double sum = 0.0;
            for (int j = 0; j < gradient.Length; j++) sum += gradient[j] * tangent[j];
            return sum;
        }

        /// <summary>
        /// t(dA)[j] += gradient[j]·t(dZ) + product[offset + j]·dZ for an array argument A of a call z: the tangent of the
        /// contributions dA[j] += gradient[j]·dZ.
        /// </summary>
        /// <param name="adjointTangent">The tangent of the argument's adjoint.</param>
        /// <param name="gradient">The callee's gradient with respect to the argument.</param>
        /// <param name="resultAdjointTangent">t(dZ).</param>
        /// <param name="product">The callee's H·t.</param>
        /// <param name="offset">Where the argument's elements start in <paramref name="product"/>.</param>
        /// <param name="resultAdjoint">dZ.</param>
        public static void AddInto(Span<double> adjointTangent, double[] gradient, double resultAdjointTangent, double[] product, int offset, double resultAdjoint)
        {
            for (int j = 0; j < gradient.Length; j++) adjointTangent[j] += gradient[j] * resultAdjointTangent + product[offset + j] * resultAdjoint;
        }
    }
}
