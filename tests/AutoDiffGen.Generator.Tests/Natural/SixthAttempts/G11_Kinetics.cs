using AutoDiffGen;

namespace Natural;

// Michaelis–Menten rates fitted to measured initial velocities. The rate law lives in its own helper class.
public static class RateLaws
{
    public static double MichaelisMenten(double substrate, double vmax, double km) => vmax * substrate / (km + substrate);

    public static double Hill(double substrate, double vmax, double k, double n)
    {
        double sn = Math.Pow(substrate, n);
        return vmax * sn / (Math.Pow(k, n) + sn);
    }
}

public static partial class EnzymeFit
{
    [Differentiable]
    public static double SumOfSquares(double vmax, double km, [NoDiff] double[] substrate, [NoDiff] double[] velocity)
    {
        double sse = 0;
        for (int i = 0; i < substrate.Length; i++)
        {
            double r = RateLaws.MichaelisMenten(substrate[i], vmax, km) - velocity[i];
            sse += r * r;
        }
        return sse;
    }

    [Differentiable]
    public static double HillSumOfSquares(double vmax, double k, double n, [NoDiff] double[] substrate, [NoDiff] double[] velocity)
    {
        double sse = 0;
        for (int i = 0; i < substrate.Length; i++)
        {
            double r = RateLaws.Hill(substrate[i], vmax, k, n) - velocity[i];
            sse += r * r;
        }
        return sse;
    }
}
