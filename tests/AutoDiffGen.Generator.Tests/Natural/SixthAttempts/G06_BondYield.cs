using AutoDiffGen;

namespace Natural;

// A fixed-coupon bond: price from a yield, and the yield implied by a price by Newton's method.
public static partial class Bond
{
    [Differentiable]
    public static double Price(double yield, double coupon, int years, double face = 100)
    {
        double price = 0;
        for (int t = 1; t <= years; t++)
            price += coupon * face / Math.Pow(1 + yield, t);
        price += face / Math.Pow(1 + yield, years);
        return price;
    }

    // Price per 100 face and its derivative in the yield, for the Newton step.
    static double PriceAndSlope(double yield, double coupon, int years, out double slope)
    {
        double price = 0;
        slope = 0;
        for (int t = 1; t <= years; t++)
        {
            double discount = Math.Pow(1 + yield, -t);
            double cash = t == years ? 100 * coupon + 100 : 100 * coupon;
            price += cash * discount;
            slope -= t * cash * discount / (1 + yield);
        }
        return price;
    }

    // The yield that reprices the bond; its sensitivity to the quoted price is what a risk report wants.
    [Differentiable]
    public static double YieldFromPrice(double price, double coupon, int years)
    {
        double y = coupon;
        double step;
        int iterations = 0;
        do
        {
            double f = PriceAndSlope(y, coupon, years, out var slope) - price;
            step = f / slope;
            y -= step;
            iterations++;
        } while (Math.Abs(step) > 1e-12 && iterations < 50);
        return y;
    }
}
