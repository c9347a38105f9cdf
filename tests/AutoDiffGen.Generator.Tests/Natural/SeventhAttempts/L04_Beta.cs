using AutoDiffGen;

namespace Natural;

internal static class Resources
{
    public const string ArgumentPositive = "Value must be positive.";
    public const string ArgumentInIntervalXYInclusive = "Value must be in the interval [{0}, {1}].";
}

// Beta and the regularized incomplete beta by Lentz's continued fraction (Numerical Recipes' betacf): a while loop with a
// tolerance and an iteration cap, a tiny-number guard, and the symmetry I_x(a, b) = 1 − I_{1−x}(b, a).
public static partial class SpecialFunctions
{
    [Differentiable]
    public static double BetaLn(double z, double w)
    {
        if (z <= 0.0)
        {
            throw new ArgumentException(Resources.ArgumentPositive, nameof(z));
        }

        if (w <= 0.0)
        {
            throw new ArgumentException(Resources.ArgumentPositive, nameof(w));
        }

        return LogGamma(z) + LogGamma(w) - LogGamma(z + w);
    }

    [Differentiable]
    public static double Beta(double z, double w) => Math.Exp(BetaLn(z, w));

    // A Stirling log-gamma with an upward shift: good to 1e-10 for positive arguments.
    public static double LogGamma(double x)
    {
        double shift = 0.0;
        while (x < 8.0)
        {
            shift += Math.Log(x);
            x += 1.0;
        }

        double inv = 1.0 / x;
        double inv2 = inv * inv;
        double series = inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 * (1.0 / 1260.0 - inv2 / 1680.0)));
        return (x - 0.5) * Math.Log(x) - x + 0.91893853320467274178 + series - shift;
    }

    [Differentiable]
    public static double BetaRegularized(double a, double b, double x)
    {
        if (a < 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(a), Resources.ArgumentPositive);
        }

        if (b < 0.0)
        {
            throw new ArgumentOutOfRangeException(nameof(b), Resources.ArgumentPositive);
        }

        if (x < 0.0 || x > 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), string.Format(Resources.ArgumentInIntervalXYInclusive, 0.0, 1.0));
        }

        double bt = (x == 0.0 || x == 1.0)
            ? 0.0
            : Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + (a * Math.Log(x)) + (b * Math.Log(1.0 - x)));

        bool symmetryTransformation = x >= (a + 1.0) / (a + b + 2.0);

        const double Eps = 1e-15;
        const double Fpmin = 1e-300;
        if (symmetryTransformation)
        {
            x = 1.0 - x;
            (a, b) = (b, a);
        }

        double qab = a + b;
        double qap = a + 1.0;
        double qam = a - 1.0;
        double c = 1.0;
        double d = 1.0 - (qab * x / qap);
        if (Math.Abs(d) < Fpmin)
        {
            d = Fpmin;
        }

        d = 1.0 / d;
        double h = d;

        for (int m = 1, m2 = 2; m <= 50000; m++, m2 += 2)
        {
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1.0 + (aa * d);
            if (Math.Abs(d) < Fpmin) d = Fpmin;
            c = 1.0 + (aa / c);
            if (Math.Abs(c) < Fpmin) c = Fpmin;
            d = 1.0 / d;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1.0 + (aa * d);
            if (Math.Abs(d) < Fpmin) d = Fpmin;
            c = 1.0 + (aa / c);
            if (Math.Abs(c) < Fpmin) c = Fpmin;
            d = 1.0 / d;
            double del = d * c;
            h *= del;
            if (Math.Abs(del - 1.0) <= Eps)
            {
                return symmetryTransformation ? 1.0 - (bt * h / a) : bt * h / a;
            }
        }

        return symmetryTransformation ? 1.0 - (bt * h / a) : bt * h / a;
    }
}
