using System;
using AutoDiffGen;

namespace Gallery;

/// <summary>Option pricing: Black–Scholes with an erf approximation (its Greeks are the gradient) and a Monte Carlo pathwise delta.</summary>
public static partial class Finance
{
    /// <summary>Abramowitz and Stegun 7.1.26 (absolute error below 1.5e-7).</summary>
    [Differentiable]
    public static double Erf(double x)
    {
        double sign = x < 0 ? -1.0 : 1.0;
        double ax = Math.Abs(x);
        double t = 1.0 / (1.0 + 0.3275911 * ax);
        double[] a = { 0.254829592, -0.284496736, 1.421413741, -1.453152027, 1.061405429 };
        double poly = 0;
        for (int i = a.Length - 1; i >= 0; i--) poly = (poly + a[i]) * t;
        return sign * (1.0 - poly * Math.Exp(-ax * ax));
    }

    [Differentiable]
    public static double NormalCdf(double x) => 0.5 * (1.0 + Erf(x / Math.Sqrt(2.0)));

    /// <summary>Its gradient is the Greeks: delta (∂/∂spot), vega (∂/∂vol), rho (∂/∂rate), theta (−∂/∂T), ∂/∂strike.</summary>
    [Differentiable]
    public static double BlackScholesCall(double spot, double strike, double rate, double vol, double maturity)
    {
        double sqrtT = Math.Sqrt(maturity);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * vol * vol) * maturity) / (vol * sqrtT);
        double d2 = d1 - vol * sqrtT;
        return spot * NormalCdf(d1) - strike * Math.Exp(-rate * maturity) * NormalCdf(d2);
    }

    [Differentiable]
    public static double BlackScholesPut(double spot, double strike, double rate, double vol, double maturity)
    {
        double sqrtT = Math.Sqrt(maturity);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * vol * vol) * maturity) / (vol * sqrtT);
        double d2 = d1 - vol * sqrtT;
        return strike * Math.Exp(-rate * maturity) * NormalCdf(-d2) - spot * NormalCdf(-d1);
    }

    /// <summary>
    /// A European call by Monte Carlo over fixed normal draws: the gradient is the pathwise estimator (pathwise delta,
    /// vega), the same draws for the value and every Greek.
    /// </summary>
    [Differentiable]
    public static double MonteCarloCall(double spot, double strike, double rate, double vol, double maturity, [NoDiff] double[] normals)
    {
        double drift = (rate - 0.5 * vol * vol) * maturity;
        double diffusion = vol * Math.Sqrt(maturity);
        double sum = 0;
        foreach (double z in normals)
        {
            double terminal = spot * Math.Exp(drift + diffusion * z);
            sum += Math.Max(terminal - strike, 0.0);
        }
        return Math.Exp(-rate * maturity) * sum / normals.Length;
    }

    /// <summary>Present value of fixed coupons discounted at one yield: ∂/∂yield is (minus) the dollar duration.</summary>
    [Differentiable]
    public static double BondPrice(double yield, double coupon, double face, int years)
    {
        double price = 0;
        for (int t = 1; t <= years; t++) price += coupon / Math.Pow(1 + yield, t);
        return price + face / Math.Pow(1 + yield, years);
    }
}
