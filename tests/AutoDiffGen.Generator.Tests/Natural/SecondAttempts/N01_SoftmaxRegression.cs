using AutoDiffGen;

namespace Natural;

public static partial class SoftmaxRegression
{
    // Mean cross-entropy of a linear softmax classifier; the data come as a list of feature vectors.
    [Differentiable]
    public static double Loss(double[,] weights, double[] bias, [NoDiff] List<double[]> features, int[] labels)
    {
        int classes = bias.Length;
        int dims = weights.GetLength(1);
        double total = 0;
        for (int n = 0; n < features.Count; n++)
        {
            var logits = new double[classes];
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                double z = bias[c];
                for (int j = 0; j < dims; j++)
                    z += weights[c, j] * features[n][j];
                logits[c] = z;
                max = Math.Max(max, z);
            }

            double sumExp = 0;
            for (int c = 0; c < classes; c++)
                sumExp += Math.Exp(logits[c] - max);

            total -= logits[labels[n]] - max - Math.Log(sumExp);
        }
        return total / features.Count;
    }
}
