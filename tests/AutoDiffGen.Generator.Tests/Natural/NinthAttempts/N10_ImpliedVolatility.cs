using AutoDiffGen;

namespace Natural;

// Newton steps for the Black–Scholes implied volatility; the sensitivity of the result to the quoted price is 1/vega.
public static partial class ImpliedVolatility
{
    static double NormalCdf(double x)
    {
        // Abramowitz & Stegun 7.1.26 erf, via Phi(x) = (1 + erf(x / sqrt 2)) / 2
        double z = Math.Abs(x) / Math.Sqrt(2);
        double t = 1 / (1 + 0.3275911 * z);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.Exp(-z * z);
        return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }

    static double NormalPdf(double x) => Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI);

    static double Call(double s, double k, double t, double r, double sigma)
    {
        double d1 = (Math.Log(s / k) + (r + 0.5 * sigma * sigma) * t) / (sigma * Math.Sqrt(t));
        double d2 = d1 - sigma * Math.Sqrt(t);
        return s * NormalCdf(d1) - k * Math.Exp(-r * t) * NormalCdf(d2);
    }

    static double Vega(double s, double k, double t, double r, double sigma)
    {
        double d1 = (Math.Log(s / k) + (r + 0.5 * sigma * sigma) * t) / (sigma * Math.Sqrt(t));
        return s * NormalPdf(d1) * Math.Sqrt(t);
    }

    [Differentiable]
    public static double NewtonStep(double price, double s, double k, double t, double r, double sigma)
    {
        return sigma - (Call(s, k, t, r, sigma) - price) / Vega(s, k, t, r, sigma);
    }

    [Differentiable]
    public static double Solve(double price, double s, double k, double t, double r)
    {
        double sigma = 0.3;
        for (int i = 0; i < 8; i++)
        {
            double diff = Call(s, k, t, r, sigma) - price;
            if (Math.Abs(diff) < 1e-12) break;
            sigma -= diff / Vega(s, k, t, r, sigma);
        }
        return sigma;
    }
}
