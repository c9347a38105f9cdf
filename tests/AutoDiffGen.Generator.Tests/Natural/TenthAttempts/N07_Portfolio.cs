using AutoDiffGen;

namespace Natural;

// Mean-variance portfolio: weights are a softmax of free logits so they stay positive and sum to one.
public static partial class Portfolio
{
    [Differentiable]
    public static double Objective(List<double> logits, [NoDiff] double[] expectedReturns, [NoDiff] double[,] covariance, double riskAversion)
    {
        int n = logits.Count;
        double max = logits.Max();
        var weights = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            weights[i] = Math.Exp(logits[i] - max);
            sum += weights[i];
        }
        for (int i = 0; i < n; i++)
            weights[i] /= sum;

        double ret = 0, risk = 0;
        for (int i = 0; i < n; i++)
        {
            ret += weights[i] * expectedReturns[i];
            for (int j = 0; j < n; j++)
                risk += weights[i] * covariance[i, j] * weights[j];
        }
        return riskAversion / 2 * risk - ret;
    }
}
