using AutoDiffGen;

namespace Natural;

// The GMM's Wishart prior alone, with the helper boundary elsewhere: one helper returns a component's Frobenius norm and
// its log-determinant through a tuple, the constant log multivariate gamma computed by a helper with a loop.
public static partial class GmmPrior
{
    private static double LogGammaStirling(double x)
    {
        double shift = 0;
        while (x < 7) { shift -= Math.Log(x); x += 1; }
        return shift + (x - 0.5) * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
    }

    private static double LogMultiGamma(double a, int p)
    {
        double r = 0.25 * p * (p - 1) * Math.Log(Math.PI);
        for (int j = 1; j <= p; j++) r += LogGammaStirling(a + 0.5 * (1 - j));
        return r;
    }

    private static (double Frobenius, double SumLog) Stats(double[] icf, int offset, int d, int icfSize)
    {
        double fro = 0, sum = 0;
        for (int i = 0; i < d; i++)
        {
            double q = icf[offset + i];
            sum += q;
            fro += Math.Exp(2 * q);
        }

        for (int i = d; i < icfSize; i++) fro += icf[offset + i] * icf[offset + i];
        return (fro, sum);
    }

    [Differentiable]
    public static double LogWishartPrior(double[] icf, int d, int k, double gamma, int m)
    {
        int icfSize = d * (d + 1) / 2;
        double n = d + m + 1;
        double c = n * d * (Math.Log(gamma) - 0.5 * Math.Log(2)) - LogMultiGamma(0.5 * n, d);
        double result = 0;
        for (int ik = 0; ik < k; ik++)
        {
            var (fro, sumLog) = Stats(icf, ik * icfSize, d, icfSize);
            result += 0.5 * gamma * gamma * fro - m * sumLog;
        }

        return result - k * c;
    }
}
