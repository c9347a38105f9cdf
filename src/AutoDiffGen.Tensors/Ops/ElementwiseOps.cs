using System;
using System.Numerics.Tensors;

namespace AutoDiffGen.Tensors
{
    // Elementwise arithmetic on tensors of equal shape (no broadcasting here: see AddBias), with pullbacks.
    public sealed partial class Tensor
    {
        /// <summary>Elementwise <c>a + b</c>.</summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand, of the same shape.</param>
        public static Tensor Add(Tensor a, Tensor b)
        {
            ShapeChecks.Same(nameof(Add), a, b);
            Tensor result = AllocateLike(a, clear: false);
            TensorPrimitives.Add(a.Span, b.Span, result.Span);
            return result;
        }

        /// <summary>Pullback of <see cref="Add"/>: dA += dR, dB += dR.</summary>
        /// <param name="a">The forward first operand.</param>
        /// <param name="b">The forward second operand.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dA">Receives the adjoint of <paramref name="a"/>; null to skip.</param>
        /// <param name="dB">Receives the adjoint of <paramref name="b"/>; null to skip.</param>
        [DerivativeOf(nameof(Add))]
        public static void AddPullback(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor? dA, Tensor? dB)
        {
            ShapeChecks.Same(nameof(Add), a, dResult);
            AccumulateInto(nameof(Add), dResult, dA, nameof(dA));
            AccumulateInto(nameof(Add), dResult, dB, nameof(dB));
        }

        /// <summary>Elementwise <c>a − b</c>.</summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand, of the same shape.</param>
        public static Tensor Subtract(Tensor a, Tensor b)
        {
            ShapeChecks.Same(nameof(Subtract), a, b);
            Tensor result = AllocateLike(a, clear: false);
            TensorPrimitives.Subtract(a.Span, b.Span, result.Span);
            return result;
        }

        /// <summary>Pullback of <see cref="Subtract"/>: dA += dR, dB −= dR.</summary>
        /// <param name="a">The forward first operand.</param>
        /// <param name="b">The forward second operand.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dA">Receives the adjoint of <paramref name="a"/>; null to skip.</param>
        /// <param name="dB">Receives the adjoint of <paramref name="b"/>; null to skip.</param>
        [DerivativeOf(nameof(Subtract))]
        public static void SubtractPullback(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor? dA, Tensor? dB)
        {
            ShapeChecks.Same(nameof(Subtract), a, dResult);
            AccumulateInto(nameof(Subtract), dResult, dA, nameof(dA));
            if (dB is not null)
            {
                ShapeChecks.Adjoint(nameof(Subtract), b, dB, nameof(dB));
                TensorPrimitives.Subtract(dB.Span, dResult.Span, dB.Span);
            }
        }

        /// <summary>Elementwise (Hadamard) product <c>a ⊙ b</c>.</summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand, of the same shape.</param>
        public static Tensor Multiply(Tensor a, Tensor b)
        {
            ShapeChecks.Same(nameof(Multiply), a, b);
            Tensor result = AllocateLike(a, clear: false);
            TensorPrimitives.Multiply(a.Span, b.Span, result.Span);
            return result;
        }

        /// <summary>Pullback of <see cref="Multiply"/>: dA += dR ⊙ b, dB += dR ⊙ a.</summary>
        /// <param name="a">The forward first operand.</param>
        /// <param name="b">The forward second operand.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dA">Receives the adjoint of <paramref name="a"/>; null to skip.</param>
        /// <param name="dB">Receives the adjoint of <paramref name="b"/>; null to skip.</param>
        [DerivativeOf(nameof(Multiply))]
        public static void MultiplyPullback(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor? dA, Tensor? dB)
        {
            ShapeChecks.Same(nameof(Multiply), a, b);
            ShapeChecks.Same(nameof(Multiply), a, dResult);
            if (dA is not null)
            {
                ShapeChecks.Adjoint(nameof(Multiply), a, dA, nameof(dA));
                TensorPrimitives.MultiplyAdd(dResult.Span, b.Span, dA.Span, dA.Span);
            }

            if (dB is not null)
            {
                ShapeChecks.Adjoint(nameof(Multiply), b, dB, nameof(dB));
                TensorPrimitives.MultiplyAdd(dResult.Span, a.Span, dB.Span, dB.Span);
            }
        }

        /// <summary><c>factor · x</c>.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="factor">The scalar factor.</param>
        public static Tensor Scale(Tensor x, float factor)
        {
            ArgumentNullException.ThrowIfNull(x);
            Tensor result = AllocateLike(x, clear: false);
            TensorPrimitives.Multiply(x.Span, factor, result.Span);
            return result;
        }

        /// <summary>Pullback of <see cref="Scale"/>: dX += factor · dR, dFactor += Σ x ⊙ dR.</summary>
        /// <param name="x">The forward tensor.</param>
        /// <param name="factor">The forward factor.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dX">Receives the adjoint of <paramref name="x"/>; null to skip.</param>
        /// <param name="dFactor">Receives the adjoint of <paramref name="factor"/>.</param>
        [DerivativeOf(nameof(Scale))]
        public static void ScalePullback(Tensor x, float factor, Tensor result, Tensor dResult, Tensor? dX, ref float dFactor)
        {
            ShapeChecks.Same(nameof(Scale), x, dResult);
            if (dX is not null)
            {
                ShapeChecks.Adjoint(nameof(Scale), x, dX, nameof(dX));
                TensorPrimitives.MultiplyAdd(dResult.Span, factor, dX.Span, dX.Span);
            }

            dFactor += TensorPrimitives.Dot(x.Span, dResult.Span);
        }

        /// <summary>Elementwise <c>−x</c>.</summary>
        /// <param name="x">The tensor.</param>
        public static Tensor Negate(Tensor x)
        {
            ArgumentNullException.ThrowIfNull(x);
            Tensor result = AllocateLike(x, clear: false);
            TensorPrimitives.Negate(x.Span, result.Span);
            return result;
        }

        /// <summary>Pullback of <see cref="Negate"/>: dX −= dR.</summary>
        /// <param name="x">The forward tensor.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dX">Receives the adjoint of <paramref name="x"/>; null to skip.</param>
        [DerivativeOf(nameof(Negate))]
        public static void NegatePullback(Tensor x, Tensor result, Tensor dResult, Tensor? dX)
        {
            ShapeChecks.Same(nameof(Negate), x, dResult);
            if (dX is not null)
            {
                ShapeChecks.Adjoint(nameof(Negate), x, dX, nameof(dX));
                TensorPrimitives.Subtract(dX.Span, dResult.Span, dX.Span);
            }
        }

        /// <summary>adjoint += source, after checking the adjoint's shape.</summary>
        private static void AccumulateInto(string op, Tensor source, Tensor? adjoint, string name)
        {
            if (adjoint is not null)
            {
                ShapeChecks.Adjoint(op, source, adjoint, name);
                TensorPrimitives.Add(adjoint.Span, source.Span, adjoint.Span);
            }
        }
    }
}
