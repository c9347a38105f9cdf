using AutoDiffGen;

namespace Natural;

// Black–Scholes call price; its gradient is the Greeks (delta, vega, rho, theta). The normal CDF is a helper with the
// Abramowitz–Stegun erf approximation.
public static partial class BlackScholes
{
    private static double NormalCdf(double x)
    {
        double t = 1.0 / (1.0 + 0.2316419 * Math.Abs(x));
        double poly = t * (0.319381530 + t * (-0.356563782 + t * (1.781477937 + t * (-1.821255978 + t * 1.330274429))));
        double tail = Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI) * poly;
        return x >= 0 ? 1.0 - tail : tail;
    }

    [Differentiable]
    public static double CallPrice(double spot, double strike, double years, double rate, double volatility)
    {
        double sqrtT = Math.Sqrt(years);
        double d1 = (Math.Log(spot / strike) + (rate + 0.5 * volatility * volatility) * years) / (volatility * sqrtT);
        double d2 = d1 - volatility * sqrtT;
        return spot * NormalCdf(d1) - strike * Math.Exp(-rate * years) * NormalCdf(d2);
    }

    [Differentiable]
    public static double PutPrice(double spot, double strike, double years, double rate, double volatility)
    {
        // put–call parity
        return CallPrice(spot, strike, years, rate, volatility) - spot + strike * Math.Exp(-rate * years);
    }
}
