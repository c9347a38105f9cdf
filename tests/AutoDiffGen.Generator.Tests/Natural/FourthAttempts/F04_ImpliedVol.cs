using AutoDiffGen;

namespace Natural;

// Implied volatility by Newton's method: the objective is model price minus market price, and its derivative in the
// volatility (vega) comes from the generated Backward instead of a hand-written formula.
public static partial class ImpliedVol
{
    // Abramowitz & Stegun 26.2.17
    static double NormCdf(double x)
    {
        if (x < 0) return 1 - NormCdf(-x);
        double t = 1 / (1 + 0.2316419 * x);
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        return 1 - Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI) * poly;
    }

    [Differentiable]
    public static double PriceError(double vol, double spot, double strike, double rate, double expiry, double marketPrice)
    {
        double sqrtT = Math.Sqrt(expiry);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * vol * vol) * expiry) / (vol * sqrtT);
        double d2 = d1 - vol * sqrtT;
        double call = spot * NormCdf(d1) - strike * Math.Exp(-rate * expiry) * NormCdf(d2);
        return call - marketPrice;
    }

    public static double Solve(double marketPrice, double spot, double strike, double rate, double expiry)
    {
        double vol = 0.2;
        for (int iter = 0; iter < 50; iter++)
        {
            double dVol = 0, dSpot = 0, dStrike = 0, dRate = 0, dExpiry = 0, dPrice = 0;
            double f = PriceErrorBackward(vol, spot, strike, rate, expiry, marketPrice, ref dVol, ref dSpot, ref dStrike, ref dRate, ref dExpiry, ref dPrice);
            if (Math.Abs(f) < 1e-10) break;
            vol -= f / dVol;
        }
        return vol;
    }
}
