using System;
using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace AutoDiffGen.Tensors
{
    // Softmax + cross-entropy fused into one op: the fused gradient (p − onehot) / n is exact and stable,
    // where differentiating softmax and log separately would divide by tiny probabilities.
    public sealed partial class Tensor
    {
        // Rows up to this many classes use a stack buffer: no pool, whose caches a gen-2 GC may trim.
        private const int StackScratchLimit = 1024;

        /// <summary>
        /// The mean over the batch of <c>−log softmax(scores_i)[labels_i]</c>. Each row is shifted by its
        /// maximum first, so large scores do not overflow.
        /// </summary>
        /// <param name="scores">Unnormalized class scores, [n, classes] (a rank-1 tensor is one sample).</param>
        /// <param name="labels">The correct class of each row, in <c>[0, classes)</c>.</param>
        [SkipLocalsInit] // the stack scratch is written before it is read
        public static float SoftmaxCrossEntropy(Tensor scores, int[] labels)
        {
            CheckLabels(scores, labels);
            int n = scores._rows;
            float[]? pooled = null;
            Span<float> scratch = scores._columns <= StackScratchLimit
                ? stackalloc float[StackScratchLimit]
                : (pooled = ArrayPool<float>.Shared.Rent(scores._columns));
            try
            {
                double total = 0;
                for (int i = 0; i < n; i++)
                {
                    ReadOnlySpan<float> row = scores.Row(i);
                    float sum = ShiftedExp(row, scratch.Slice(0, row.Length), out float max);
                    total += Math.Log(sum) - (row[labels[i]] - max);
                }

                return n == 0 ? 0f : (float)(total / n);
            }
            finally
            {
                if (pooled is not null)
                {
                    ArrayPool<float>.Shared.Return(pooled);
                }
            }
        }

        /// <summary>
        /// Pullback of <see cref="SoftmaxCrossEntropy"/>: dScores_i += dR · (softmax(scores_i) − onehot(labels_i)) / n.
        /// The row softmax is recomputed from <paramref name="scores"/>: the forward result is a float and
        /// cannot carry the probabilities (see the README).
        /// </summary>
        /// <param name="scores">The forward scores.</param>
        /// <param name="labels">The forward labels (not differentiable).</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the loss.</param>
        /// <param name="dScores">Receives the adjoint of <paramref name="scores"/>; null to skip.</param>
        [DerivativeOf(nameof(SoftmaxCrossEntropy))]
        [SkipLocalsInit]
        public static void SoftmaxCrossEntropyPullback(Tensor scores, int[] labels, float result, float dResult, Tensor? dScores)
        {
            CheckLabels(scores, labels);
            ShapeChecks.Adjoint(nameof(SoftmaxCrossEntropy), scores, dScores, nameof(dScores));
            if (dScores is null || scores._rows == 0)
            {
                return;
            }

            float scale = dResult / scores._rows;
            float[]? pooled = null;
            Span<float> scratch = scores._columns <= StackScratchLimit
                ? stackalloc float[StackScratchLimit]
                : (pooled = ArrayPool<float>.Shared.Rent(scores._columns));
            try
            {
                for (int i = 0; i < scores._rows; i++)
                {
                    Span<float> probabilities = scratch.Slice(0, scores._columns);
                    float sum = ShiftedExp(scores.Row(i), probabilities, out _);
                    Span<float> dRow = dScores.Row(i);
                    TensorPrimitives.MultiplyAdd(probabilities, scale / sum, dRow, dRow);
                    dRow[labels[i]] -= scale;
                }
            }
            finally
            {
                if (pooled is not null)
                {
                    ArrayPool<float>.Shared.Return(pooled);
                }
            }
        }

        /// <summary>exp(row − max(row)) into <paramref name="destination"/>; returns its sum (≥ 1).</summary>
        private static float ShiftedExp(ReadOnlySpan<float> row, Span<float> destination, out float max)
        {
            if (row.Length < 16)
            {
                // A few classes (the spiral has 3): a plain loop beats four vectorized calls per row.
                max = row[0];
                for (int j = 1; j < row.Length; j++)
                {
                    max = MathF.Max(max, row[j]);
                }

                float sum = 0f;
                for (int j = 0; j < row.Length; j++)
                {
                    sum += destination[j] = MathF.Exp(row[j] - max);
                }

                return sum;
            }

            max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, destination);
            TensorPrimitives.Exp(destination, destination);
            return TensorPrimitives.Sum<float>(destination);
        }

        private static void CheckLabels(Tensor scores, int[] labels)
        {
            ArgumentNullException.ThrowIfNull(scores);
            ArgumentNullException.ThrowIfNull(labels);
            if (labels.Length != scores._rows)
            {
                throw new ArgumentException(
                    $"SoftmaxCrossEntropy: scores has shape {scores.ShapeText} and labels has shape [{labels.Length}]; one label per row is needed.",
                    nameof(labels));
            }

            if (scores._columns == 0)
            {
                throw new ArgumentException($"SoftmaxCrossEntropy: scores has shape {scores.ShapeText}; it needs at least one class.", nameof(scores));
            }

            for (int i = 0; i < labels.Length; i++)
            {
                if ((uint)labels[i] >= (uint)scores._columns)
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(labels), $"SoftmaxCrossEntropy: label {labels[i]} at row {i} is outside [0, {scores._columns}) for scores of shape {scores.ShapeText}.");
                }
            }
        }
    }
}
