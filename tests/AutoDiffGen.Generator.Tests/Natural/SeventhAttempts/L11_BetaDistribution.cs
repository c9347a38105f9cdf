using AutoDiffGen;

namespace Natural;

// The beta distribution's log-density with its edge cases (x outside [0, 1], a or b at 1), with BetaLn built from a
// Lanczos log-gamma over a static readonly table.
internal static class Lanczos
{
    private static readonly double[] Coefficients =
    {
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
        12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
    };

    public static double GammaLn(double z)
    {
        double s = Coefficients[0];
        for (int i = 1; i < Coefficients.Length; i++)
        {
            s += Coefficients[i] / (z + i - 1.0);
        }

        return Math.Log(s) + 0.6207822376352452223455184457816472122518527279025978 + ((z - 0.5) * Math.Log((z - 0.5 + 7.0) / Math.E));
    }
}

public static partial class BetaDistribution
{
    [Differentiable]
    public static double PDFLn(double a, double b, double x)
    {
        if (!(a >= 0.0 && b >= 0.0))
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        if (x < 0.0 || x > 1.0)
        {
            return double.NegativeInfinity;
        }

        if (x == 0.0 && a == 1.0)
        {
            return Math.Log(b);
        }

        if (x == 1.0 && b == 1.0)
        {
            return Math.Log(a);
        }

        double bb = Lanczos.GammaLn(a + b) - Lanczos.GammaLn(a) - Lanczos.GammaLn(b);
        double aa = a == 1.0 ? 0.0 : (a - 1.0) * Math.Log(x);
        double cc = b == 1.0 ? 0.0 : (b - 1.0) * Math.Log(1.0 - x);
        return aa + bb + cc;
    }
}
