using System;
using System.Numerics.Tensors;
using AutoDiffGen.Tensors.Kernels;

namespace AutoDiffGen.Tensors
{
    // Reductions to a float and the elementwise square, with pullbacks.
    public sealed partial class Tensor
    {
        /// <summary>The sum of all elements.</summary>
        /// <param name="x">The tensor.</param>
        public static float Sum(Tensor x)
        {
            ArgumentNullException.ThrowIfNull(x);
            return TensorPrimitives.Sum<float>(x.Span);
        }

        /// <summary>Pullback of <see cref="Sum"/>: dX += dR everywhere.</summary>
        /// <param name="x">The forward tensor.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dX">Receives the adjoint of <paramref name="x"/>; null to skip.</param>
        [DerivativeOf(nameof(Sum))]
        public static void SumPullback(Tensor x, float result, float dResult, Tensor? dX)
        {
            ShapeChecks.Adjoint(nameof(Sum), x, dX, nameof(dX));
            if (dX is not null)
            {
                TensorPrimitives.Add(dX.Span, dResult, dX.Span);
            }
        }

        /// <summary>The mean of all elements (0 for an empty tensor).</summary>
        /// <param name="x">The tensor.</param>
        public static float Mean(Tensor x)
        {
            ArgumentNullException.ThrowIfNull(x);
            return x.Length == 0 ? 0f : TensorPrimitives.Sum<float>(x.Span) / x.Length;
        }

        /// <summary>Pullback of <see cref="Mean"/>: dX += dR / n everywhere.</summary>
        /// <param name="x">The forward tensor.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dX">Receives the adjoint of <paramref name="x"/>; null to skip.</param>
        [DerivativeOf(nameof(Mean))]
        public static void MeanPullback(Tensor x, float result, float dResult, Tensor? dX)
        {
            ShapeChecks.Adjoint(nameof(Mean), x, dX, nameof(dX));
            if (dX is not null && x.Length > 0)
            {
                TensorPrimitives.Add(dX.Span, dResult / x.Length, dX.Span);
            }
        }

        /// <summary>Elementwise <c>x²</c>.</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Square(Tensor x)
        {
            ArgumentNullException.ThrowIfNull(x);
            Tensor result = AllocateLike(x, clear: false);
            TensorPrimitives.Multiply(x.Span, x.Span, result.Span);
            return result;
        }

        /// <summary>Pullback of <see cref="Square"/>: dX += 2 · x ⊙ dR.</summary>
        /// <param name="x">The forward tensor.</param>
        /// <param name="result">The forward result (unused: the derivative 2x needs the input).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dX">Receives the adjoint of <paramref name="x"/>; null to skip.</param>
        [DerivativeOf(nameof(Square))]
        public static void SquarePullback(Tensor x, Tensor result, Tensor dResult, Tensor? dX)
        {
            ShapeChecks.Same(nameof(Square), x, dResult);
            ShapeChecks.Adjoint(nameof(Square), x, dX, nameof(dX));
            if (dX is not null)
            {
                FusedLoops.AddScaledProduct(x.Span, dResult.Span, 2f, dX.Span);
            }
        }

        /// <summary>The squared L2 (Frobenius) norm <c>Σ x²</c>.</summary>
        /// <param name="x">The tensor.</param>
        public static float SquaredL2Norm(Tensor x)
        {
            ArgumentNullException.ThrowIfNull(x);
            return TensorPrimitives.SumOfSquares<float>(x.Span);
        }

        /// <summary>Pullback of <see cref="SquaredL2Norm"/>: dX += 2 · dR · x.</summary>
        /// <param name="x">The forward tensor.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dX">Receives the adjoint of <paramref name="x"/>; null to skip.</param>
        [DerivativeOf(nameof(SquaredL2Norm))]
        public static void SquaredL2NormPullback(Tensor x, float result, float dResult, Tensor? dX)
        {
            ShapeChecks.Adjoint(nameof(SquaredL2Norm), x, dX, nameof(dX));
            if (dX is not null)
            {
                TensorPrimitives.MultiplyAdd(x.Span, 2f * dResult, dX.Span, dX.Span);
            }
        }
    }
}
