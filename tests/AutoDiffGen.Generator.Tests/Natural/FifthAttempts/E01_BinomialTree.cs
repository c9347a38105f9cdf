using AutoDiffGen;

namespace Natural;

public enum OptionKind { Call, Put }

// Cox–Ross–Rubinstein tree for American and European options; the Greeks come from the generated Backward.
public static partial class BinomialTree
{
    [Differentiable]
    public static double Price(double spot, double strike, double rate, double vol, double expiry, OptionKind kind, int steps = 100, bool american = true)
    {
        double dt = expiry / steps;
        double up = Math.Exp(vol * Math.Sqrt(dt));
        double down = 1 / up;
        double growth = Math.Exp(rate * dt);
        double p = (growth - down) / (up - down);
        double discount = 1 / growth;

        var values = new double[steps + 1];
        for (int i = 0; i <= steps; i++)
        {
            double s = spot * Math.Pow(up, steps - i) * Math.Pow(down, i);
            values[i] = Payoff(kind, s, strike);
        }

        for (int step = steps - 1; step >= 0; step--)
        {
            for (int i = 0; i <= step; i++)
            {
                double hold = discount * (p * values[i] + (1 - p) * values[i + 1]);
                if (american)
                {
                    double s = spot * Math.Pow(up, step - i) * Math.Pow(down, i);
                    hold = Math.Max(hold, Payoff(kind, s, strike));
                }
                values[i] = hold;
            }
        }
        return values[0];
    }

    static double Payoff(OptionKind kind, double s, double k) => kind switch
    {
        OptionKind.Call => Math.Max(s - k, 0),
        OptionKind.Put => Math.Max(k - s, 0),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static (double Price, double Delta, double Vega, double Rho) Greeks(double spot, double strike, double rate, double vol, double expiry, OptionKind kind)
    {
        double dSpot = 0, dStrike = 0, dRate = 0, dVol = 0, dExpiry = 0;
        double price = PriceBackward(spot, strike, rate, vol, expiry, kind, ref dSpot, ref dStrike, ref dRate, ref dVol, ref dExpiry);
        return (price, dSpot, dVol, dRate);
    }
}
