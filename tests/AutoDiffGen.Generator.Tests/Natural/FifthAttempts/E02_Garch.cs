using AutoDiffGen;

namespace Natural;

// GARCH(1,1) negative log-likelihood of a return series; the optimiser works on unconstrained parameters.
public static partial class Garch
{
    [Differentiable]
    public static double NegLogLikelihood(double logOmega, double alphaRaw, double betaRaw, [NoDiff] double[] returns)
    {
        double omega = Math.Exp(logOmega);
        double alpha = Logistic(alphaRaw);
        double beta = (1 - alpha) * Logistic(betaRaw);   // keeps alpha + beta < 1

        // start the recursion at the sample variance
        double variance = returns.Select(r => r * r).Average();
        double nll = 0;
        foreach (var r in returns)
        {
            nll += 0.5 * (Math.Log(2 * Math.PI) + Math.Log(variance) + r * r / variance);
            variance = omega + alpha * r * r + beta * variance;
        }
        return nll;
    }

    static double Logistic(double x) => 1.0 / (1.0 + Math.Exp(-x));

    public static (double Omega, double Alpha, double Beta) Fit(double[] returns, int iterations = 500, double lr = 0.01)
    {
        double a = -9, b = -2, c = 2;
        for (int it = 0; it < iterations; it++)
        {
            double da = 0, db = 0, dc = 0;
            NegLogLikelihoodBackward(a, b, c, returns, ref da, ref db, ref dc);
            a -= lr * da;
            b -= lr * db;
            c -= lr * dc;
        }
        double alpha = Logistic(b);
        return (Math.Exp(a), alpha, (1 - alpha) * Logistic(c));
    }
}
