using AutoDiffGen;

namespace Natural;

// Nelson–Siegel yield curve fitted to observed zero rates.
public static partial class NelsonSiegel
{
    public static double Yield(double tau, double beta0, double beta1, double beta2, double lambda)
    {
        double x = tau / lambda;
        double decay = Math.Exp(-x);
        double loading = (1 - decay) / x;
        return beta0 + beta1 * loading + beta2 * (loading - decay);
    }

    [Differentiable(Forward = true)]
    public static double FitError(double beta0, double beta1, double beta2, double lambda, double[] maturities, double[] rates)
    {
        double error = 0;
        for (int i = 0; i < maturities.Length; i++)
        {
            double diff = Yield(maturities[i], beta0, beta1, beta2, lambda) - rates[i];
            error += diff * diff;
        }
        return error / maturities.Length;
    }
}
