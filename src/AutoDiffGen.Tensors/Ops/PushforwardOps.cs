using System;
using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using AutoDiffGen.Tensors.Kernels;

namespace AutoDiffGen.Tensors
{
    // Pushforwards (Jacobian–vector products) of the kernels a two-layer network uses: each takes the forward
    // operands (and, where the derivative reads it, the forward result, as the pullbacks do) and the operands'
    // tangents, and returns the result's tangent, a new tensor. A null tangent is a zero one. Linear ops are their
    // own pushforward; ReLU's is a mask; softmax cross-entropy's is the pullback's row (p − onehot)/n dotted with the tangent.
    public sealed partial class Tensor
    {
        /// <summary>Pushforward of <see cref="MatMul(Tensor, Tensor)"/>: tC = tA·b + a·tB.</summary>
        /// <param name="a">The forward left operand.</param>
        /// <param name="b">The forward right operand.</param>
        /// <param name="tA">The tangent of <paramref name="a"/>; null for zero.</param>
        /// <param name="tB">The tangent of <paramref name="b"/>; null for zero.</param>
        public static Tensor MatMulPushforward(Tensor a, Tensor b, Tensor? tA, Tensor? tB)
        {
            (int m, int k, int n, int rank) = MatMulShape(a, b);
            return ProductTangent(nameof(MatMul), a, false, b, false, tA, tB, rank, m, k, n);
        }

        /// <summary>Pushforward of <see cref="MatMulTransposeA"/>: tC = tAᵀ·b + aᵀ·tB.</summary>
        /// <param name="a">The forward left operand, used transposed.</param>
        /// <param name="b">The forward right operand.</param>
        /// <param name="tA">The tangent of <paramref name="a"/>; null for zero.</param>
        /// <param name="tB">The tangent of <paramref name="b"/>; null for zero.</param>
        public static Tensor MatMulTransposeAPushforward(Tensor a, Tensor b, Tensor? tA, Tensor? tB)
        {
            (int m, int k, int n) = TransposedShape(nameof(MatMulTransposeA), a, b, transA: true);
            return ProductTangent(nameof(MatMulTransposeA), a, true, b, false, tA, tB, 2, m, k, n);
        }

        /// <summary>Pushforward of <see cref="MatMulTransposeB"/>: tC = tA·bᵀ + a·tBᵀ.</summary>
        /// <param name="a">The forward left operand.</param>
        /// <param name="b">The forward right operand, used transposed.</param>
        /// <param name="tA">The tangent of <paramref name="a"/>; null for zero.</param>
        /// <param name="tB">The tangent of <paramref name="b"/>; null for zero.</param>
        public static Tensor MatMulTransposeBPushforward(Tensor a, Tensor b, Tensor? tA, Tensor? tB)
        {
            (int m, int k, int n) = TransposedShape(nameof(MatMulTransposeB), a, b, transA: false);
            return ProductTangent(nameof(MatMulTransposeB), a, false, b, true, tA, tB, 2, m, k, n);
        }

        /// <summary>op(tA)·op(b) + op(a)·op(tB), [m, n] (rank 1 as the product's), by two GEMMs accumulating into a zeroed result.</summary>
        private static Tensor ProductTangent(string op, Tensor a, bool transA, Tensor b, bool transB, Tensor? tA, Tensor? tB, int rank, int m, int k, int n)
        {
            ShapeChecks.Tangent(op, a, tA, nameof(tA));
            ShapeChecks.Tangent(op, b, tB, nameof(tB));
            Tensor result = Allocate(rank, rank == 1 ? 1 : m, rank == 1 ? m * n : n, clear: true);
            if (tA is not null)
            {
                Gemm.Multiply(tA._data, transA, b._data, transB, result._data, m, n, k, accumulate: true);
            }

            if (tB is not null)
            {
                Gemm.Multiply(a._data, transA, tB._data, transB, result._data, m, n, k, accumulate: true);
            }

            return result;
        }

        /// <summary>Pushforward of <see cref="AddBias"/>: tR = tX + tBias on every row.</summary>
        /// <param name="x">The forward batch.</param>
        /// <param name="bias">The forward row vector.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        /// <param name="tBias">The tangent of <paramref name="bias"/>; null for zero.</param>
        public static Tensor AddBiasPushforward(Tensor x, Tensor bias, Tensor? tX, Tensor? tBias)
        {
            CheckBias(x, bias);
            ShapeChecks.Tangent(nameof(AddBias), x, tX, nameof(tX));
            ShapeChecks.Tangent(nameof(AddBias), bias, tBias, nameof(tBias));
            Tensor result = AllocateLike(x, clear: tX is null);
            if (tX is not null)
            {
                tX.Span.CopyTo(result.Span);
            }

            if (tBias is not null)
            {
                for (int i = 0; i < x._rows; i++)
                {
                    TensorPrimitives.Add(result.Row(i), tBias.Span, result.Row(i));
                }
            }

            return result;
        }

        /// <summary>Pushforward of <see cref="Relu"/>: tR = tX where result &gt; 0, else 0 (so ReLU'(0) = 0, as the pullback).</summary>
        /// <param name="x">The forward input (unused: the mask comes from the result).</param>
        /// <param name="result">The forward result.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        public static Tensor ReluPushforward(Tensor x, Tensor result, Tensor? tX)
        {
            CheckUnaryTangent(nameof(Relu), x, result, tX);
            Tensor tangent = AllocateLike(x, clear: true);
            if (tX is not null)
            {
                FusedLoops.AddMasked(result.Span, tX.Span, tangent.Span);
            }

            return tangent;
        }

        /// <summary>Pushforward of <see cref="Sigmoid"/>: tR = s·(1 − s)·tX with s the result.</summary>
        /// <param name="x">The forward input (unused).</param>
        /// <param name="result">The forward result s.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        public static Tensor SigmoidPushforward(Tensor x, Tensor result, Tensor? tX)
        {
            CheckUnaryTangent(nameof(Sigmoid), x, result, tX);
            Tensor tangent = AllocateLike(x, clear: true);
            if (tX is not null)
            {
                FusedLoops.AddSigmoidGrad(result.Span, tX.Span, tangent.Span);
            }

            return tangent;
        }

        /// <summary>Pushforward of <see cref="Tanh"/>: tR = (1 − t²)·tX with t the result.</summary>
        /// <param name="x">The forward input (unused).</param>
        /// <param name="result">The forward result t.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        public static Tensor TanhPushforward(Tensor x, Tensor result, Tensor? tX)
        {
            CheckUnaryTangent(nameof(Tanh), x, result, tX);
            Tensor tangent = AllocateLike(x, clear: true);
            if (tX is not null)
            {
                FusedLoops.AddTanhGrad(result.Span, tX.Span, tangent.Span);
            }

            return tangent;
        }

        /// <summary>
        /// Pushforward of <see cref="SoftmaxCrossEntropy"/>: tL = (1/n) Σᵢ (Σⱼ softmax(scoresᵢ)ⱼ·tScoresᵢⱼ − tScoresᵢ,labelᵢ),
        /// the pullback's row (p − onehot)/n dotted with the tangent. The softmax is recomputed per row, as the pullback does.
        /// </summary>
        /// <param name="scores">The forward scores.</param>
        /// <param name="labels">The forward labels (not differentiable).</param>
        /// <param name="tScores">The tangent of <paramref name="scores"/>; null for zero.</param>
        [SkipLocalsInit] // the stack scratch is written before it is read
        public static float SoftmaxCrossEntropyPushforward(Tensor scores, int[] labels, Tensor? tScores)
        {
            CheckLabels(scores, labels);
            ShapeChecks.Tangent(nameof(SoftmaxCrossEntropy), scores, tScores, nameof(tScores));
            if (tScores is null || scores._rows == 0)
            {
                return 0f;
            }

            float[]? pooled = null;
            Span<float> scratch = scores._columns <= StackScratchLimit
                ? stackalloc float[StackScratchLimit]
                : (pooled = ArrayPool<float>.Shared.Rent(scores._columns));
            try
            {
                double total = 0;
                for (int i = 0; i < scores._rows; i++)
                {
                    Span<float> probabilities = scratch.Slice(0, scores._columns);
                    float sum = ShiftedExp(scores.Row(i), probabilities, out _);
                    ReadOnlySpan<float> tRow = tScores.Row(i);
                    total += (TensorPrimitives.Dot(probabilities, tRow) / (double)sum) - tRow[labels[i]];
                }

                return (float)(total / scores._rows);
            }
            finally
            {
                if (pooled is not null)
                {
                    ArrayPool<float>.Shared.Return(pooled);
                }
            }
        }

        /// <summary>Checks that input, result and input tangent of an elementwise op agree.</summary>
        private static void CheckUnaryTangent(string op, Tensor x, Tensor result, Tensor? tX)
        {
            ShapeChecks.Same(op, x, result);
            ShapeChecks.Tangent(op, x, tX, nameof(tX));
        }
    }
}
