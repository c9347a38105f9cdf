using System;
using AutoDiffGen.Tensors;

namespace TwoLayerNet
{
    /// <summary>
    /// Per-feature standardization, (x − mean) / std with statistics from the training set only.
    /// Centred inputs make the first layer's gradient steps better conditioned, so SGD converges faster.
    /// </summary>
    internal sealed class Standardizer
    {
        private readonly float[] _mean;
        private readonly float[] _inverseStd;

        private Standardizer(float[] mean, float[] inverseStd)
        {
            _mean = mean;
            _inverseStd = inverseStd;
        }

        public static Standardizer Fit(Tensor x)
        {
            int d = x.Columns;
            var sum = new double[d];
            var sumSquares = new double[d];
            for (int i = 0; i < x.Rows; i++)
            {
                Span<float> row = x.Row(i);
                for (int j = 0; j < d; j++)
                {
                    sum[j] += row[j];
                    sumSquares[j] += (double)row[j] * row[j];
                }
            }

            var mean = new float[d];
            var inverseStd = new float[d];
            for (int j = 0; j < d; j++)
            {
                double m = sum[j] / x.Rows;
                double variance = Math.Max(0, (sumSquares[j] / x.Rows) - (m * m));
                mean[j] = (float)m;
                inverseStd[j] = (float)(1 / Math.Sqrt(variance + 1e-2)); // the epsilon tames always-black border pixels
            }

            return new Standardizer(mean, inverseStd);
        }

        public void Apply(Tensor x)
        {
            for (int i = 0; i < x.Rows; i++)
            {
                Span<float> row = x.Row(i);
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] = (row[j] - _mean[j]) * _inverseStd[j];
                }
            }
        }
    }
}
