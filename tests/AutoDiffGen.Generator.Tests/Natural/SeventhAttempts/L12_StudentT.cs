using AutoDiffGen;

namespace Natural;

// Student-t log-density with location, scale and degrees of freedom; an infinite freedom falls back to the normal, and the
// log-gamma ratio is a helper of another class that takes the freedom.
internal static class GammaHelpers
{
    public static double GammaLn(double z)
    {
        double shift = 0.0;
        while (z < 8.0)
        {
            shift += Math.Log(z);
            z += 1.0;
        }

        double inv = 1.0 / z;
        double inv2 = inv * inv;
        return (z - 0.5) * Math.Log(z) - z + 0.91893853320467274178 + inv * (1.0 / 12.0 - inv2 * (1.0 / 360.0 - inv2 / 1260.0)) - shift;
    }
}

public static partial class StudentT
{
    [Differentiable]
    public static double PDFLn(double location, double scale, double freedom, double x)
    {
        if (scale <= 0.0 || freedom <= 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        if (double.IsPositiveInfinity(freedom))
        {
            double z = (x - location) / scale;
            return (-0.5 * z * z) - Math.Log(scale) - 0.91893853320467274178;
        }

        double d = (x - location) / scale;
        return GammaHelpers.GammaLn((freedom + 1.0) / 2.0)
               - (0.5 * ((freedom + 1.0) * Math.Log(1.0 + (d * d / freedom))))
               - GammaHelpers.GammaLn(freedom / 2.0)
               - (0.5 * Math.Log(freedom))
               - Math.Log(scale)
               - 0.57236494292470008707; // ln √π
    }
}
