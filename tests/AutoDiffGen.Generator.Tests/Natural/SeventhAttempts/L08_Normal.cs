using AutoDiffGen;

namespace Natural;

internal static class Constants
{
    public const double Sqrt2 = 1.4142135623730950488016887242096980785696718753769;
    public const double Sqrt2Pi = 2.5066282746310005024157652848110452530069867406099;
    public const double LogSqrt2Pi = 0.91893853320467274178032973640561763986139747363778;
}

internal static class Resources
{
    public const string InvalidDistributionParameters = "Invalid parametrization for the distribution.";
}

// The normal distribution's static members (PDF, PDFLn, CDF) with the parameter check every one of them starts with; the
// CDF goes through Erfc, itself in another static class.
public static partial class Normal
{
    private static bool IsValidParameterSet(double mean, double stddev) => stddev >= 0.0 && !double.IsNaN(mean);

    [Differentiable]
    public static double PDF(double mean, double stddev, double x)
    {
        if (stddev < 0.0)
        {
            throw new ArgumentException(Resources.InvalidDistributionParameters);
        }

        double d = (x - mean) / stddev;
        return Math.Exp(-0.5 * d * d) / (Constants.Sqrt2Pi * stddev);
    }

    [Differentiable]
    public static double PDFLn(double mean, double stddev, double x)
    {
        if (!IsValidParameterSet(mean, stddev))
        {
            throw new ArgumentException(Resources.InvalidDistributionParameters);
        }

        double d = (x - mean) / stddev;
        return (-0.5 * d * d) - Math.Log(stddev) - Constants.LogSqrt2Pi;
    }

    [Differentiable]
    public static double CDF(double mean, double stddev, double x)
    {
        if (stddev < 0.0)
        {
            throw new ArgumentException(Resources.InvalidDistributionParameters);
        }

        return 0.5 * ErrorFunction.Erfc((mean - x) / (stddev * Constants.Sqrt2));
    }
}

public static partial class ErrorFunction
{
    // Erfc by the Numerical Recipes Chebyshev fit (fractional error < 1.2e-7).
    [Differentiable]
    public static double Erfc(double x)
    {
        double z = Math.Abs(x);
        double t = 1.0 / (1.0 + (0.5 * z));
        double ans = t * Math.Exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
            t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0.0 ? ans : 2.0 - ans;
    }
}
