using AutoDiffGen;

namespace Natural;

public static partial class Allocation
{
    [Differentiable]
    public static double[] Softmax(double[] logits)
    {
        double max = logits.Max();
        var e = logits.Select(l => Math.Exp(l - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    // Mean–variance utility of a long-only portfolio parameterised by softmax logits.
    [Differentiable]
    public static double Utility(double[] logits, double[] expectedReturns, double[,] covariance, double riskAversion = 3.0)
    {
        double[] w = Softmax(logits);
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
