using AutoDiffGen;

namespace Natural;

// Digamma: reflection for negative arguments (the method calls itself), the recurrence ψ(x) = ψ(x + 1) − 1/x up to a
// threshold in a while loop, then the asymptotic series; NaN and infinities returned first.
public static partial class SpecialFunctions
{
    private const double DiGammaC = 12.0;
    private const double DiGammaD1 = -0.57721566490153286;
    private const double DiGammaS = 1e-6;
    private const double DiGammaS3 = 1.0 / 12.0;
    private const double DiGammaS4 = 1.0 / 120.0;
    private const double DiGammaS5 = 1.0 / 252.0;
    private const double DiGammaS6 = 1.0 / 240.0;
    private const double DiGammaS7 = 1.0 / 132.0;

    [Differentiable]
    public static double DiGamma(double x)
    {
        if (double.IsNegativeInfinity(x) || double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x <= 0 && Math.Floor(x) == x)
        {
            return double.NegativeInfinity;
        }

        if (x < 0)
        {
            return DiGamma(1.0 - x) + (Math.PI / Math.Tan(-Math.PI * x));
        }

        if (x <= DiGammaS)
        {
            return DiGammaD1 - (1 / x) + (1.6449340668482264365 * x);
        }

        double result = 0;
        while (x < DiGammaC)
        {
            result -= 1 / x;
            x++;
        }

        if (x >= DiGammaC)
        {
            var r = 1 / x;
            result += Math.Log(x) - (0.5 * r);
            r *= r;

            result -= r * (DiGammaS3 - (r * (DiGammaS4 - (r * (DiGammaS5 - (r * (DiGammaS6 - (r * DiGammaS7))))))));
        }

        return result;
    }
}
