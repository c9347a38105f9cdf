using AutoDiffGen;

namespace Natural;

// Poisson regression of counts on one covariate, log link, data as (x, y) pairs.
public static partial class CountModel
{
    [Differentiable]
    public static double NegativeLogLikelihood(double intercept, double slope, IReadOnlyList<(double X, double Y)> data)
    {
        double nll = 0;
        foreach (var (x, y) in data)
        {
            double eta = intercept + slope * x;
            nll += Math.Exp(eta) - y * eta;
        }
        return nll / data.Count;
    }

    public static (double Intercept, double Slope) Fit(IReadOnlyList<(double X, double Y)> data, int iterations = 500, double lr = 0.1)
    {
        double a = 0, b = 0;
        for (int it = 0; it < iterations; it++)
        {
            double da = 0, db = 0;
            NegativeLogLikelihoodBackward(a, b, data, ref da, ref db);
            a -= lr * da;
            b -= lr * db;
        }
        return (a, b);
    }
}
