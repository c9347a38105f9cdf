using AutoDiffGen;

namespace Natural;

// Gaussian-process regression: the negative log marginal likelihood of the data under a squared-exponential kernel,
// as a function of the log hyperparameters, through a Cholesky factorisation.
public static partial class GaussianProcess
{
    static double Kernel(double a, double b, double lengthScale, double signalVar)
    {
        double d = (a - b) / lengthScale;
        return signalVar * Math.Exp(-0.5 * d * d);
    }

    [Differentiable]
    public static double NegLogMarginalLikelihood(double logLengthScale, double logSignal, double logNoise, [NoDiff] double[] xs, [NoDiff] double[] ys)
    {
        int n = xs.Length;
        double ell = Math.Exp(logLengthScale);
        double sf2 = Math.Exp(2 * logSignal);
        double sn2 = Math.Exp(2 * logNoise);

        var K = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                K[i, j] = Kernel(xs[i], xs[j], ell, sf2) + (i == j ? sn2 : 0.0);

        // Cholesky, K = L L^T
        var L = new double[n, n];
        for (int j = 0; j < n; j++)
        {
            double sum = K[j, j];
            for (int k = 0; k < j; k++)
                sum -= L[j, k] * L[j, k];
            L[j, j] = Math.Sqrt(sum);
            for (int i = j + 1; i < n; i++)
            {
                double s = K[i, j];
                for (int k = 0; k < j; k++)
                    s -= L[i, k] * L[j, k];
                L[i, j] = s / L[j, j];
            }
        }

        // forward substitution L z = y, so y^T K^-1 y = z^T z
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = ys[i];
            for (int k = 0; k < i; k++)
                s -= L[i, k] * z[k];
            z[i] = s / L[i, i];
        }

        double nll = 0.5 * n * Math.Log(2 * Math.PI);
        for (int i = 0; i < n; i++)
            nll += 0.5 * z[i] * z[i] + Math.Log(L[i, i]);
        return nll;
    }
}
