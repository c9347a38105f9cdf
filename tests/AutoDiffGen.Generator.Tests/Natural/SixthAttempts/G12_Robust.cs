using AutoDiffGen;

namespace Natural;

// Summary statistics written once over IEnumerable<double>, then used in a robust location/scale loss.
public static class Stats
{
    public static double Mean(IEnumerable<double> xs) => xs.Average();

    public static double Variance(IEnumerable<double> xs)
    {
        double m = Mean(xs);
        return xs.Select(x => (x - m) * (x - m)).Average();
    }
}

public static partial class RobustFit
{
    // Cauchy (Lorentzian) negative log-likelihood with location mu and log-scale s.
    [Differentiable]
    public static double CauchyLoss(double mu, double logScale, [NoDiff] double[] data)
    {
        double gamma = Math.Exp(logScale);
        IEnumerable<double> z = data.Select(x => (x - mu) / gamma);
        return z.Sum(v => Math.Log(1 + v * v)) + data.Length * logScale;
    }

    [Differentiable]
    public static double StandardisedSpread(double[] sample)
    {
        double v = Stats.Variance(sample);
        return Math.Sqrt(v) / (1 + Math.Abs(Stats.Mean(sample)));
    }
}
