using AutoDiffGen;

namespace Natural;

// Active risk of a portfolio against its benchmark, and the Sharpe ratio, from a covariance matrix.
public static partial class ActiveRisk
{
    public static double QuadraticForm(double[,] cov, double[] a, double[] b)
    {
        int n = a.Length;
        double s = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                s += a[i] * cov[i, j] * b[j];
        return s;
    }

    [Differentiable]
    public static double TrackingError(double[] weights, [NoDiff] double[] benchmark, [NoDiff] double[,] covariance)
    {
        if (weights.Length != benchmark.Length)
            throw new ArgumentException($"{nameof(weights)} has {weights.Length} assets, {nameof(benchmark)} {benchmark.Length}");
        var active = new double[weights.Length];
        for (int i = 0; i < active.Length; i++) active[i] = weights[i] - benchmark[i];
        return Math.Sqrt(QuadraticForm(covariance, active, active));
    }

    [Differentiable]
    public static double NegativeSharpe(double[] weights, [NoDiff] double[] expectedReturns, [NoDiff] double[,] covariance, double riskFree = 0.02)
    {
        double ret = 0;
        for (int i = 0; i < weights.Length; i++) ret += weights[i] * expectedReturns[i];
        double variance = QuadraticForm(covariance, weights, weights);
        return -(ret - riskFree) / Math.Sqrt(variance);
    }
}
