using AutoDiffGen;

namespace Natural;

public static partial class Options
{
    // Abramowitz & Stegun 7.1.26.
    [Differentiable]
    public static double Erf(double x)
    {
        if (x < 0) return -Erf(-x);
        const double p = 0.3275911;
        double t = 1.0 / (1.0 + p * x);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        return 1.0 - poly * Math.Exp(-x * x);
    }

    [Differentiable]
    public static double NormCdf(double x) => 0.5 * (1.0 + Erf(x / Math.Sqrt(2.0)));

    [Differentiable]
    public static double Call(double spot, double strike, double rate, double vol, double expiry)
    {
        if (expiry <= 0) return Math.Max(spot - strike, 0.0);
        double sqrtT = Math.Sqrt(expiry);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / (vol * sqrtT);
        double d2 = d1 - vol * sqrtT;
        return spot * NormCdf(d1) - strike * Math.Exp(-rate * expiry) * NormCdf(d2);
    }

    public static (double Price, double Delta, double Vega, double Rho, double Theta) Greeks(double s, double k, double r, double v, double t)
    {
        double dS = 0, dK = 0, dR = 0, dV = 0, dT = 0;
        double price = CallBackward(s, k, r, v, t, ref dS, ref dK, ref dR, ref dV, ref dT);
        return (price, dS, dV, dR, -dT);
    }
}
