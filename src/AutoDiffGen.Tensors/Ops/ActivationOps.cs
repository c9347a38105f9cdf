using System;
using System.Numerics.Tensors;
using AutoDiffGen.Tensors.Kernels;

namespace AutoDiffGen.Tensors
{
    // Activations. Their pullbacks read the forward result, never the input: ReLU masks by y > 0,
    // sigmoid uses s·(1−s), tanh uses 1−t².
    public sealed partial class Tensor
    {
        /// <summary>Elementwise <c>max(x, 0)</c>.</summary>
        /// <param name="x">The input.</param>
        public static Tensor Relu(Tensor x)
        {
            ArgumentNullException.ThrowIfNull(x);
            Tensor result = AllocateLike(x, clear: false);
            TensorPrimitives.Max(x.Span, 0f, result.Span);
            return result;
        }

        /// <summary>Pullback of <see cref="Relu"/>: dX += dR where result &gt; 0 (so ReLU'(0) = 0).</summary>
        /// <param name="x">The forward input (unused: the mask comes from the result).</param>
        /// <param name="result">The forward result.</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dX">Receives the adjoint of <paramref name="x"/>; null to skip.</param>
        [DerivativeOf(nameof(Relu))]
        public static void ReluPullback(Tensor x, Tensor result, Tensor dResult, Tensor? dX)
        {
            CheckUnary(nameof(Relu), x, result, dResult, dX);
            if (dX is not null)
            {
                FusedLoops.AddMasked(result.Span, dResult.Span, dX.Span);
            }
        }

        /// <summary>Elementwise logistic function <c>1 / (1 + e^(−x))</c>.</summary>
        /// <param name="x">The input.</param>
        public static Tensor Sigmoid(Tensor x)
        {
            ArgumentNullException.ThrowIfNull(x);
            Tensor result = AllocateLike(x, clear: false);
            TensorPrimitives.Sigmoid(x.Span, result.Span);
            return result;
        }

        /// <summary>Pullback of <see cref="Sigmoid"/>: dX += dR · s · (1 − s) with s the result.</summary>
        /// <param name="x">The forward input (unused).</param>
        /// <param name="result">The forward result s.</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dX">Receives the adjoint of <paramref name="x"/>; null to skip.</param>
        [DerivativeOf(nameof(Sigmoid))]
        public static void SigmoidPullback(Tensor x, Tensor result, Tensor dResult, Tensor? dX)
        {
            CheckUnary(nameof(Sigmoid), x, result, dResult, dX);
            if (dX is not null)
            {
                FusedLoops.AddSigmoidGrad(result.Span, dResult.Span, dX.Span);
            }
        }

        /// <summary>Elementwise hyperbolic tangent.</summary>
        /// <param name="x">The input.</param>
        public static Tensor Tanh(Tensor x)
        {
            ArgumentNullException.ThrowIfNull(x);
            Tensor result = AllocateLike(x, clear: false);
            TensorPrimitives.Tanh(x.Span, result.Span);
            return result;
        }

        /// <summary>Pullback of <see cref="Tanh"/>: dX += dR · (1 − t²) with t the result.</summary>
        /// <param name="x">The forward input (unused).</param>
        /// <param name="result">The forward result t.</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dX">Receives the adjoint of <paramref name="x"/>; null to skip.</param>
        [DerivativeOf(nameof(Tanh))]
        public static void TanhPullback(Tensor x, Tensor result, Tensor dResult, Tensor? dX)
        {
            CheckUnary(nameof(Tanh), x, result, dResult, dX);
            if (dX is not null)
            {
                FusedLoops.AddTanhGrad(result.Span, dResult.Span, dX.Span);
            }
        }

        /// <summary>Checks that input, result, result adjoint and input adjoint of an elementwise op agree.</summary>
        private static void CheckUnary(string op, Tensor x, Tensor result, Tensor dResult, Tensor? dX)
        {
            ShapeChecks.Same(op, x, result);
            ShapeChecks.Adjoint(op, result, dResult, nameof(dResult));
            ShapeChecks.Adjoint(op, x, dX, nameof(dX));
        }
    }
}
