using AutoDiffGen;

namespace Natural;

// A Heston-like Monte Carlo: the normals are drawn outside with a seeded Random and passed [NoDiff]; full truncation of
// the variance; the payoff's pathwise derivative.
public static partial class Heston
{
    public static (double[] Z1, double[] Z2) Normals(int paths, int steps, int seed)
    {
        var random = new Random(seed);
        var z1 = new double[paths * steps];
        var z2 = new double[paths * steps];
        for (int i = 0; i < z1.Length; i++)
        {
            double u1 = 1.0 - random.NextDouble(), u2 = random.NextDouble();
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            z1[i] = r * Math.Cos(2 * Math.PI * u2);
            z2[i] = r * Math.Sin(2 * Math.PI * u2);
        }

        return (z1, z2);
    }

    [Differentiable]
    public static double CallPrice(double spot, double v0, double kappa, double theta, double xi, double rho, double strike,
        double years, [NoDiff] double[] z1, [NoDiff] double[] z2, int paths, int steps)
    {
        double dt = years / steps;
        double payoffSum = 0;
        for (int p = 0; p < paths; p++)
        {
            double logS = Math.Log(spot);
            double v = v0;
            for (int s = 0; s < steps; s++)
            {
                double a = z1[p * steps + s];
                double b = rho * a + Math.Sqrt(1 - rho * rho) * z2[p * steps + s];
                double vPlus = Math.Max(v, 0.0);
                logS += -0.5 * vPlus * dt + Math.Sqrt(vPlus * dt) * a;
                v += kappa * (theta - vPlus) * dt + xi * Math.Sqrt(vPlus * dt) * b;
            }

            payoffSum += Math.Max(Math.Exp(logS) - strike, 0.0);
        }

        return payoffSum / paths;
    }
}
