using AutoDiffGen;

namespace Natural;

// Log-density of the normal–gamma posterior of (mu, tau) after observing data, up to nothing: the full normalised value.
public static partial class NormalGamma
{
    // Stirling series for log Γ(x), good for x > 7; shift small arguments up first.
    public static double LogGamma(double x)
    {
        double shift = 0;
        while (x < 7)
        {
            shift -= Math.Log(x);
            x += 1;
        }
        double inv = 1 / x, inv2 = inv * inv;
        double series = inv * (1.0 / 12 - inv2 * (1.0 / 360 - inv2 / 1260));
        return shift + (x - 0.5) * Math.Log(x) - x + 0.5 * Math.Log(2 * Math.PI) + series;
    }

    [Differentiable]
    public static double LogPosterior(double mu, double tau, double mu0, double kappa0, double alpha0, double beta0, [NoDiff] double[] data)
    {
        if (tau <= 0) throw new ArgumentOutOfRangeException(nameof(tau), $"precision must be positive, got {tau}");
        int n = data.Length;
        double mean = data.Average();
        double ss = 0;
        foreach (double x in data) ss += (x - mean) * (x - mean);

        double kappaN = kappa0 + n;
        double muN = (kappa0 * mu0 + n * mean) / kappaN;
        double alphaN = alpha0 + n / 2.0;
        double betaN = beta0 + 0.5 * ss + kappa0 * n * (mean - mu0) * (mean - mu0) / (2 * kappaN);

        // NG(mu, tau | muN, kappaN, alphaN, betaN)
        double logNorm = alphaN * Math.Log(betaN) - LogGamma(alphaN) + 0.5 * Math.Log(kappaN / (2 * Math.PI));
        return logNorm + (alphaN - 0.5) * Math.Log(tau) - betaN * tau - 0.5 * kappaN * tau * (mu - muN) * (mu - muN);
    }
}
