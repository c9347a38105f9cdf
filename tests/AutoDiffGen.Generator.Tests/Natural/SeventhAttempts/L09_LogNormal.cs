using AutoDiffGen;

namespace Natural;

// Log-normal density, log-density and CDF as static members taking (mu, sigma, x), with a switch on x's special values
// and a negative-log-likelihood over a sample the user writes on top.
public static partial class LogNormal
{
    private const double LnSqrt2Pi = 0.91893853320467274178032973640561763986139747363778;

    [Differentiable]
    public static double PDF(double mu, double sigma, double x)
    {
        if (sigma < 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        if (x < 0.0)
        {
            return 0.0;
        }

        double a = (Math.Log(x) - mu) / sigma;
        return Math.Exp(-0.5 * a * a) / (x * sigma * 2.5066282746310005);
    }

    [Differentiable]
    public static double PDFLn(double mu, double sigma, double x)
    {
        if (sigma < 0.0)
        {
            throw new ArgumentException("Invalid parametrization for the distribution.");
        }

        return x switch
        {
            < 0.0 => double.NegativeInfinity,
            0.0 => double.NegativeInfinity,
            _ => (-0.5 * Math.Pow((Math.Log(x) - mu) / sigma, 2)) - Math.Log(x * sigma) - LnSqrt2Pi,
        };
    }

    [Differentiable]
    public static double NegativeLogLikelihood(double mu, double sigma, [NoDiff] double[] samples)
    {
        double sum = 0.0;
        foreach (var s in samples)
        {
            sum -= PDFLn(mu, sigma, s);
        }

        return sum;
    }
}
