using AutoDiffGen;

namespace Natural;

// Portfolio risk: variance w'Σw with weights normalised to sum to one, and a risk-parity objective.
public static partial class Portfolio
{
    static double[] Multiply(double[,] cov, double[] w)
    {
        var result = new double[w.Length];
        for (int i = 0; i < w.Length; i++)
            for (int j = 0; j < w.Length; j++)
                result[i] += cov[i, j] * w[j];
        return result;
    }

    [Differentiable]
    public static double Variance(double[] weights, double[,] covariance)
    {
        double total = weights.Sum();
        double variance = 0;
        for (int i = 0; i < weights.Length; i++)
            for (int j = 0; j < weights.Length; j++)
                variance += weights[i] / total * covariance[i, j] * weights[j] / total;
        return variance;
    }

    // Σ_i (w_i (Σw)_i − w'Σw / n)²: zero when every asset contributes the same risk.
    [Differentiable]
    public static double RiskParityError(double[] weights, double[,] covariance)
    {
        double[] sigmaW = Multiply(covariance, weights);
        double variance = 0;
        for (int i = 0; i < weights.Length; i++) variance += weights[i] * sigmaW[i];
        double target = variance / weights.Length;
        double error = 0;
        for (int i = 0; i < weights.Length; i++)
        {
            double rc = weights[i] * sigmaW[i] - target;
            error += rc * rc;
        }
        return error;
    }
}
