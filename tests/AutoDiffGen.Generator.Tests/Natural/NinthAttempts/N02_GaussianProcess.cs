using AutoDiffGen;

namespace Natural;

// Negative log marginal likelihood of a GP with a squared-exponential kernel, written with a hand Cholesky.
public static partial class GaussianProcess
{
    static void Cholesky(double[,] a, double[,] l, int n)
    {
        for (int j = 0; j < n; j++)
        {
            double sum = a[j, j];
            for (int k = 0; k < j; k++) sum -= l[j, k] * l[j, k];
            l[j, j] = Math.Sqrt(sum);
            for (int i = j + 1; i < n; i++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                l[i, j] = s / l[j, j];
            }
        }
    }

    [Differentiable]
    public static double NegativeLogMarginalLikelihood(double logLengthScale, double logSignal, double logNoise, double[] x, double[] y)
    {
        int n = x.Length;
        double ell = Math.Exp(logLengthScale);
        double sf2 = Math.Exp(2 * logSignal);
        double sn2 = Math.Exp(2 * logNoise);

        var k = new double[n, n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double d = (x[i] - x[j]) / ell;
                k[i, j] = sf2 * Math.Exp(-0.5 * d * d);
            }
            k[i, i] += sn2;
        }

        var l = new double[n, n];
        Cholesky(k, l, n);

        // Solve L z = y by forward substitution; then y^T K^-1 y = z^T z.
        var z = new double[n];
        for (int i = 0; i < n; i++)
        {
            double s = y[i];
            for (int j = 0; j < i; j++) s -= l[i, j] * z[j];
            z[i] = s / l[i, i];
        }

        double quad = 0, logDet = 0;
        for (int i = 0; i < n; i++)
        {
            quad += z[i] * z[i];
            logDet += Math.Log(l[i, i]);
        }
        return 0.5 * quad + logDet + 0.5 * n * Math.Log(2 * Math.PI);
    }
}
