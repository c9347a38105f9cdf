using System;
using AutoDiffGen.Tensors;

namespace TwoLayerNet.Data
{
    /// <summary>
    /// The CS231n spiral toy data set: K interleaved spiral arms in 2-D, N points per arm. A linear
    /// classifier gets about 49% on it; a small two-layer net can fit it almost perfectly.
    /// </summary>
    internal static class SpiralDataset
    {
        /// <summary>
        /// Generates the data set: for arm j, radius r = linspace(0, 1, N) and angle
        /// t = linspace(4j, 4(j+1), N) + 0.2·noise, point (r·sin t, r·cos t), label j.
        /// </summary>
        /// <param name="pointsPerClass">N, the points per arm (100 in the case study).</param>
        /// <param name="classes">K, the number of arms (3 in the case study).</param>
        /// <param name="seed">Seed of the angle noise; the same seed gives the same points.</param>
        /// <returns>X as an [N·K, 2] tensor and the labels.</returns>
        public static (Tensor X, int[] Labels) Generate(int pointsPerClass = 100, int classes = 3, int seed = 0)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerClass, 1);
            ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
            var random = new Random(seed);
            var x = new Tensor(pointsPerClass * classes, 2);
            var labels = new int[pointsPerClass * classes];
            for (int j = 0; j < classes; j++)
            {
                for (int i = 0; i < pointsPerClass; i++)
                {
                    double fraction = pointsPerClass == 1 ? 0 : (double)i / (pointsPerClass - 1);
                    double radius = fraction;
                    double theta = (4.0 * j) + (4.0 * fraction) + (0.2 * Tensor.NextGaussian(random));
                    int row = (j * pointsPerClass) + i;
                    x[row, 0] = (float)(radius * Math.Sin(theta));
                    x[row, 1] = (float)(radius * Math.Cos(theta));
                    labels[row] = j;
                }
            }

            return (x, labels);
        }
    }
}
