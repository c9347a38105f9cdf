using AutoDiffGen;

namespace Natural;

public static partial class Likelihoods
{
    [Differentiable]
    static double Square(double v) => v * v;

    // Log-likelihood of i.i.d. normal observations.
    [Differentiable]
    public static double NormalLogLikelihood(double[] xs, double mu, double sigma)
    {
        if (sigma <= 0)
            throw new ArgumentOutOfRangeException(nameof(sigma), $"sigma must be positive but was {sigma}");

        static double LogPdf(double x, double m, double s) =>
            -0.5 * Math.Log(2 * Math.PI) - Math.Log(s) - 0.5 * Square((x - m) / s);

        double sum = 0;
        foreach (var x in xs)
            sum += LogPdf(x, mu, s: sigma);
        return sum;
    }
}
