using AutoDiffGen;

namespace Natural;

// Multinomial logistic regression: one weight row per class, samples as jagged rows, cross-entropy + L2.
public static partial class Classifier
{
    [Differentiable]
    public static double CrossEntropy(double[][] weights, double[] bias, double[][] samples, int[] labels, double lambda = 1e-3)
    {
        int classes = weights.Length;
        double loss = 0;
        for (int n = 0; n < samples.Length; n++)
        {
            var logits = new double[classes];
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                double z = bias[c];
                for (int j = 0; j < samples[n].Length; j++) z += weights[c][j] * samples[n][j];
                logits[c] = z;
                if (z > max) max = z;
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += Math.Exp(logits[c] - max);
            loss += Math.Log(sum) + max - logits[labels[n]];
        }
        double reg = 0;
        foreach (var row in weights)
            foreach (var w in row) reg += w * w;
        return loss / samples.Length + 0.5 * lambda * reg;
    }
}
