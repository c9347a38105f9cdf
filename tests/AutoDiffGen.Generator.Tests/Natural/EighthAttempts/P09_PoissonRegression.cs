using AutoDiffGen;

namespace Natural;

// Poisson regression with a softplus link, written with a stable Log1PExp helper (log(1 + e^x)) and double.LogP1.
public static partial class PoissonRegression
{
    private static double Log1PExp(double x)
    {
        if (x > 30) return x;
        if (x < -30) return Math.Exp(x);
        return x > 0 ? x + double.LogP1(Math.Exp(-x)) : double.LogP1(Math.Exp(x));
    }

    [Differentiable]
    public static double NegativeLogLikelihood(double[] beta, double[,] x, int[] counts)
    {
        double nll = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            double eta = 0;
            for (int j = 0; j < beta.Length; j++) eta += beta[j] * x[i, j];
            double mu = Log1PExp(eta);
            nll += mu - counts[i] * Math.Log(mu);
        }

        return nll / counts.Length;
    }
}
