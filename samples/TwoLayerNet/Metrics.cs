using System;
using System.Numerics.Tensors;
// Both namespaces have a Tensor (System.Numerics.Tensors.Tensor is a static helper class): the alias picks ours.
using Tensor = AutoDiffGen.Tensors.Tensor;

namespace TwoLayerNet
{
    /// <summary>Evaluation helpers for classifiers; not differentiable. The sample's, not the Tensors package's.</summary>
    internal static class Metrics
    {
        /// <summary>The index of the largest score in each row.</summary>
        /// <param name="scores">Class scores, [n, classes].</param>
        /// <param name="destination">Receives n class indices.</param>
        public static void ArgMaxRows(Tensor scores, Span<int> destination)
        {
            ArgumentNullException.ThrowIfNull(scores);
            if (destination.Length < scores.Rows)
            {
                throw new ArgumentException($"ArgMaxRows: destination holds {destination.Length} values but scores has shape {scores.ShapeText}.", nameof(destination));
            }

            for (int i = 0; i < scores.Rows; i++)
            {
                destination[i] = TensorPrimitives.IndexOfMax<float>(scores.Row(i));
            }
        }

        /// <summary>The fraction of rows whose largest score is at the row's label.</summary>
        /// <param name="scores">Class scores, [n, classes].</param>
        /// <param name="labels">The correct class of each row.</param>
        public static float Accuracy(Tensor scores, ReadOnlySpan<int> labels)
        {
            ArgumentNullException.ThrowIfNull(scores);
            if (labels.Length != scores.Rows)
            {
                throw new ArgumentException($"Accuracy: scores has shape {scores.ShapeText} and labels has shape [{labels.Length}].", nameof(labels));
            }

            int correct = 0;
            for (int i = 0; i < scores.Rows; i++)
            {
                if (TensorPrimitives.IndexOfMax<float>(scores.Row(i)) == labels[i])
                {
                    correct++;
                }
            }

            return scores.Rows == 0 ? 0f : (float)correct / scores.Rows;
        }
    }
}
