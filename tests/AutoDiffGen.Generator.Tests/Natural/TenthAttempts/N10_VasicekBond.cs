using AutoDiffGen;

namespace Natural;

// Zero-coupon bond prices under Vasicek's short-rate model (closed form), and the squared pricing error of a
// calibration to observed prices.
public static partial class VasicekBond
{
    [Differentiable]
    public static double Price(double r0, double a, double b, double sigma, double maturity)
    {
        double B = (1 - Math.Exp(-a * maturity)) / a;
        double A = (b - sigma * sigma / (2 * a * a)) * (B - maturity) - sigma * sigma * B * B / (4 * a);
        return Math.Exp(A - B * r0);
    }

    [Differentiable]
    public static double CalibrationError(double r0, double a, double b, double sigma, double[] maturities, double[] observed)
    {
        double error = 0;
        for (int i = 0; i < maturities.Length; i++)
        {
            double diff = Price(r0, a, b, sigma, maturities[i]) - observed[i];
            error += diff * diff;
        }
        return error;
    }
}
