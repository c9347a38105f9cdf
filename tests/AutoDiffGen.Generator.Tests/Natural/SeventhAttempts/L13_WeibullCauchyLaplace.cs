using AutoDiffGen;

namespace Natural;

// Three small distributions' densities and CDFs as static members: Weibull (with its x = 0 special case by shape),
// Cauchy (atan), Laplace (a switch expression on the side of the location).
public static partial class Weibull
{
    [Differentiable]
    public static double PDF(double shape, double scale, double x)
    {
        if (shape <= 0.0 || scale <= 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        if (x >= 0.0)
        {
            if (x == 0.0 && shape == 1.0)
            {
                return shape / scale;
            }

            return shape * Math.Pow(x / scale, shape - 1.0) * Math.Exp(-Math.Pow(x, shape) * Math.Pow(scale, -shape)) / scale;
        }

        return 0.0;
    }

    [Differentiable]
    public static double CDF(double shape, double scale, double x) =>
        x < 0.0 ? 0.0 : -SpecialFunctions.ExponentialMinusOne(-Math.Pow(x, shape) * Math.Pow(scale, -shape));
}

public static class SpecialFunctions
{
    public static double ExponentialMinusOne(double power)
    {
        double x = Math.Abs(power);
        if (x > 0.1)
        {
            return Math.Exp(power) - 1.0;
        }

        if (x < 0.0001)
        {
            return power;
        }

        // Taylor series of exp(x) − 1 around 0, summed until the term stops mattering.
        int k = 0;
        double term = 1.0;
        double sum = 0.0;
        while (Math.Abs(term) > 1e-17 * Math.Abs(sum) || k == 0)
        {
            k++;
            term *= power / k;
            sum += term;
        }

        return sum;
    }
}

public static partial class Cauchy
{
    [Differentiable]
    public static double PDF(double location, double scale, double x)
    {
        if (scale <= 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        double d = (x - location) / scale;
        return 1.0 / (Math.PI * scale * (1.0 + (d * d)));
    }

    [Differentiable]
    public static double CDF(double location, double scale, double x) => (Math.Atan((x - location) / scale) / Math.PI) + 0.5;
}

public static partial class Laplace
{
    [Differentiable]
    public static double PDFLn(double location, double scale, double x) =>
        -Math.Abs(x - location) / scale - Math.Log(2.0 * scale);

    [Differentiable]
    public static double CDF(double location, double scale, double x) => (x - location) switch
    {
        < 0.0 => 0.5 * Math.Exp((x - location) / scale),
        _ => 1.0 - (0.5 * Math.Exp(-(x - location) / scale)),
    };
}
