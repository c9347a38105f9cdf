using AutoDiffGen;

namespace Natural;

public static partial class Allocation
{
    [Differentiable]
    public static void Softmax(double[] logits, double[] result)
    {
        double max = logits.Max();
        double sum = 0;
        for (int i = 0; i < logits.Length; i++)
        {
            result[i] = Math.Exp(logits[i] - max);
            sum += result[i];
        }
        for (int i = 0; i < logits.Length; i++) result[i] /= sum;
    }

    // Mean–variance utility of a long-only portfolio parameterised by softmax logits.
    [Differentiable]
    public static double Utility(double[] logits, double[] expectedReturns, double[,] covariance, double riskAversion = 3.0)
    {
        double[] w = new double[logits.Length];
        Softmax(logits, w);
        int n = w.Length;
        double mean = 0;
        for (int i = 0; i < n; i++) mean += w[i] * expectedReturns[i];
        double variance = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                variance += w[i] * covariance[i, j] * w[j];
        return mean - 0.5 * riskAversion * variance;
    }
}
