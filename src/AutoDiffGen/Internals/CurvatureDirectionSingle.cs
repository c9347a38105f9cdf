using System;
using System.ComponentModel;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// <see cref="CurvatureDirection"/> for a float callee (whose <c>…HessianVector</c> takes a float direction): the
    /// direction built from the arguments' tangents, and the sums over an array argument's elements, in float, as the
    /// callee's gradient. Called by generated code only.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class CurvatureDirectionSingle
    {
        private int _at;

        /// <summary>A direction of <paramref name="length"/> entries, filled in order by the Add and Skip calls.</summary>
        /// <param name="length">The callee's number of differentiable scalars.</param>
        public CurvatureDirectionSingle(int length) => Values = new float[length];

        /// <summary>The direction, once every argument's tangent is added.</summary>
        public float[] Values { get; }

        /// <summary>A scalar argument's tangent.</summary>
        /// <param name="tangent">The tangent.</param>
        public CurvatureDirectionSingle Add(float tangent)
        {
            Values[_at++] = tangent;
            return this;
        }

        /// <summary>An array argument's tangent, element by element.</summary>
        /// <param name="tangent">The tangent.</param>
        public CurvatureDirectionSingle Add(ReadOnlySpan<float> tangent)
        {
            tangent.CopyTo(Values.AsSpan(_at));
            _at += tangent.Length;
            return this;
        }

        /// <summary>A constant array argument: its elements' tangents are zero.</summary>
        /// <param name="length">Its length.</param>
        public CurvatureDirectionSingle Skip(int length)
        {
            _at += length;
            return this;
        }

        /// <summary>A zeroed gradient for an array argument (null is an empty array).</summary>
        /// <param name="argument">The argument.</param>
        public static float[] Gradient(float[]? argument) => new float[argument?.Length ?? 0];

        /// <summary>A zeroed gradient for a span argument.</summary>
        /// <param name="argument">The argument.</param>
        public static float[] Gradient(ReadOnlySpan<float> argument) => new float[argument.Length];

        /// <summary>Σⱼ gradient[j]·tangent[j]: the part of a call's tangent that comes from an array argument.</summary>
        /// <param name="gradient">The callee's gradient with respect to the argument.</param>
        /// <param name="tangent">The argument's tangent.</param>
        public static float Dot(float[] gradient, ReadOnlySpan<float> tangent)
        {
            float sum = 0f;
            for (int j = 0; j < gradient.Length; j++) sum += gradient[j] * tangent[j];
            return sum;
        }

        /// <summary>t(dA)[j] += gradient[j]·t(dZ) + product[offset + j]·dZ: see <see cref="CurvatureDirection.AddInto"/>.</summary>
        /// <param name="adjointTangent">The tangent of the argument's adjoint.</param>
        /// <param name="gradient">The callee's gradient with respect to the argument.</param>
        /// <param name="resultAdjointTangent">t(dZ).</param>
        /// <param name="product">The callee's H·t.</param>
        /// <param name="offset">Where the argument's elements start in <paramref name="product"/>.</param>
        /// <param name="resultAdjoint">dZ.</param>
        public static void AddInto(Span<float> adjointTangent, float[] gradient, float resultAdjointTangent, float[] product, int offset, float resultAdjoint)
        {
            for (int j = 0; j < gradient.Length; j++) adjointTangent[j] += gradient[j] * resultAdjointTangent + product[offset + j] * resultAdjoint;
        }
    }
}
