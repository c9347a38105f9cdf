using AutoDiffGen;

namespace Natural;

public static partial class GammaFit
{
    // Lanczos approximation (g = 7, n = 9) of ln Γ(x) for x > 0.5.
    [Differentiable]
    public static double LogGamma(double x)
    {
        double[] c =
        {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        };
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) a += c[i] / (x + i);
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
    }

    // Gamma(shape, rate) log-likelihood; bad parameters give NaN rather than an exception.
    [Differentiable]
    public static double LogLikelihood(double[] data, double shape, double rate)
    {
        if (double.IsNaN(shape) || double.IsNaN(rate) || shape <= 0 || rate <= 0) return double.NaN;
        int n = checked(data.Length * 1);
        double sumLog = 0, sum = 0;
        for (int i = 0; i < n; i++)
        {
            double x = Math.Clamp(data[i], 1e-12, double.MaxValue);
            sumLog += Math.Log(x);
            sum += x;
        }
        return n * (shape * Math.Log(rate) - LogGamma(shape)) + (shape - 1) * sumLog - rate * sum;
    }
}
