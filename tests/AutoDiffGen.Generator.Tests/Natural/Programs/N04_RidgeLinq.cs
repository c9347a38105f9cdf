using AutoDiffGen;

namespace Natural;

public static partial class Regression
{
    // Mean squared error of a linear model plus an L2 penalty, written with LINQ.
    [Differentiable]
    public static double RidgeLoss(double[] w, double[][] X, double[] y, double lambda)
    {
        double mse = X.Select((row, i) => Math.Pow(row.Zip(w, (a, b) => a * b).Sum() - y[i], 2)).Average();
        double penalty = lambda * w.Sum(v => v * v);
        return mse + penalty;
    }
}
