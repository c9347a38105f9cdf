using AutoDiffGen;

namespace Natural;

// Error function the way a numerics library writes it: special values first, a coefficient table, a polynomial helper
// in another static class (Abramowitz & Stegun 7.1.26 with the complementary value for negative arguments).
public static class Evaluate
{
    /// <summary>Evaluates c0 + c1 z + c2 z² + … by Horner's rule.</summary>
    public static double Polynomial(double z, params double[] coefficients)
    {
        double sum = coefficients[coefficients.Length - 1];
        for (int i = coefficients.Length - 2; i >= 0; --i)
        {
            sum *= z;
            sum += coefficients[i];
        }

        return sum;
    }
}

public static partial class SpecialFunctions
{
    private static readonly double[] ErfCoefficients = { 0.0, 0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429 };
    private const double ErfP = 0.3275911;

    [Differentiable]
    public static double Erf(double x)
    {
        if (x == 0)
        {
            return 0;
        }

        if (double.IsPositiveInfinity(x))
        {
            return 1;
        }

        if (double.IsNegativeInfinity(x))
        {
            return -1;
        }

        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double ax = Math.Abs(x);
        double t = 1.0 / (1.0 + ErfP * ax);
        double y = 1.0 - Evaluate.Polynomial(t, ErfCoefficients) * Math.Exp(-ax * ax);
        return x < 0 ? -y : y;
    }

    [Differentiable]
    public static double Erfc(double x) => 1.0 - Erf(x);
}
