using AutoDiffGen;

namespace Natural;

// The gamma distribution's PDFLn(shape, rate, x) with its special cases (infinite rate, shape 1, x = 0), written with a
// log-gamma from another static class.
public static class SpecialFunctionsLite
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

public static partial class GammaDistribution
{
    [Differentiable]
    public static double PDFLn(double shape, double rate, double x)
    {
        if (shape < 0.0 || rate < 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        if (double.IsPositiveInfinity(rate))
        {
            return x == shape ? 0.0 : double.NegativeInfinity;
        }

        if (shape == 0.0 && rate == 0.0)
        {
            return 0.0;
        }

        if (shape == 1.0)
        {
            return Math.Log(rate) - (rate * x);
        }

        return (shape * Math.Log(rate)) + ((shape - 1.0) * Math.Log(x)) - (rate * x) - SpecialFunctionsLite.GammaLn(shape);
    }

    [Differentiable]
    public static double PDF(double shape, double rate, double x) => Math.Exp(PDFLn(shape, rate, x));
}
