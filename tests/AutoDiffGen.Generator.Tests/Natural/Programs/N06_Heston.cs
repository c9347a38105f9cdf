using AutoDiffGen;

namespace Natural;

public static partial class Heston
{
    // Euler scheme with full truncation for one path; z1, z2 are independent normals, one per step.
    [Differentiable]
    public static double PathPayoff(double s0, double v0, double kappa, double theta, double xi, double rho,
                                    double rate, double strike, double maturity, double[] z1, double[] z2)
    {
        int steps = z1.Length;
        double dt = maturity / steps;
        double sqrtDt = Math.Sqrt(dt);
        double logS = Math.Log(s0);
        double v = v0;
        for (int i = 0; i < steps; i++)
        {
            double vPlus = Math.Max(v, 0.0);
            double w1 = z1[i];
            double w2 = rho * z1[i] + Math.Sqrt(1 - rho * rho) * z2[i];
            logS += (rate - 0.5 * vPlus) * dt + Math.Sqrt(vPlus) * sqrtDt * w1;
            v += kappa * (theta - vPlus) * dt + xi * Math.Sqrt(vPlus) * sqrtDt * w2;
        }
        return Math.Exp(-rate * maturity) * Math.Max(Math.Exp(logS) - strike, 0);
    }
}
