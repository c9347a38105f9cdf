using AutoDiffGen;

namespace Natural;

public static partial class Bonds
{
    // Linear interpolation of the zero curve, flat beyond the ends.
    [Differentiable]
    public static double ZeroRate(double[] tenors, double[] rates, double t)
    {
        if (t <= tenors[0]) return rates[0];
        for (int i = 1; i < tenors.Length; i++)
        {
            if (t <= tenors[i])
            {
                double w = (t - tenors[i - 1]) / (tenors[i] - tenors[i - 1]);
                return rates[i - 1] + w * (rates[i] - rates[i - 1]);
            }
        }
        return rates[^1];
    }

    // Price of a fixed-coupon bond off a zero curve with continuous compounding.
    [Differentiable]
    public static double Price(double[] tenors, double[] rates, double coupon, double maturity, int paymentsPerYear = 2, double face = 100)
    {
        double dt = 1.0 / paymentsPerYear;
        int n = (int)Math.Round(maturity * paymentsPerYear);
        double pv = 0;
        for (int k = 1; k <= n; k++)
        {
            double t = k * dt;
            double cf = face * coupon * dt;
            if (k == n) cf += face;
            pv += cf * Math.Exp(-ZeroRate(tenors, rates, t) * t);
        }
        return pv;
    }
}
