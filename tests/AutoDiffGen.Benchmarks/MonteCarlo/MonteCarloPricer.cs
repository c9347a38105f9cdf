using System;

namespace AutoDiffGen.Benchmarks
{
    /// <summary>
    /// Issue 14's long loop: a European call priced by Monte Carlo under geometric Brownian motion, with pre-drawn
    /// normals, written as a new user would. The gradient's s0 and sigma components are the pathwise delta and vega.
    /// The same body twice: taped, and with <c>Checkpoint = true</c>.
    /// </summary>
    public static partial class MonteCarloPricer
    {
        /// <summary>Discounted mean payoff over <paramref name="paths"/> paths of <paramref name="steps"/> steps.</summary>
        [Differentiable]
        public static double Price(double s0, double sigma, double r, double t, double k, [NoDiff] double[] z, int paths, int steps)
        {
            double dt = t / steps;
            double drift = (r - 0.5 * sigma * sigma) * dt;
            double vol = sigma * Math.Sqrt(dt);
            double sum = 0;
            for (int p = 0; p < paths; p++)
            {
                double s = s0;
                for (int j = 0; j < steps; j++) s = s * Math.Exp(drift + vol * z[p * steps + j]);
                sum += Math.Max(s - k, 0.0);
            }
            return Math.Exp(-r * t) * sum / paths;
        }

        /// <summary><see cref="Price"/>, checkpointed: the path loop keeps (sum, p) at segment starts only.</summary>
        [Differentiable(Checkpoint = true)]
        public static double PriceCheckpointed(double s0, double sigma, double r, double t, double k, [NoDiff] double[] z, int paths, int steps)
        {
            double dt = t / steps;
            double drift = (r - 0.5 * sigma * sigma) * dt;
            double vol = sigma * Math.Sqrt(dt);
            double sum = 0;
            for (int p = 0; p < paths; p++)
            {
                double s = s0;
                for (int j = 0; j < steps; j++) s = s * Math.Exp(drift + vol * z[p * steps + j]);
                sum += Math.Max(s - k, 0.0);
            }
            return Math.Exp(-r * t) * sum / paths;
        }

        /// <summary>Standard normals from a fixed seed (Box–Muller): the same paths on every run.</summary>
        public static double[] Normals(int count, int seed)
        {
            var random = new Random(seed);
            var z = new double[count];
            for (int i = 0; i < count; i += 2)
            {
                double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                double radius = Math.Sqrt(-2 * Math.Log(u1));
                z[i] = radius * Math.Cos(2 * Math.PI * u2);
                if (i + 1 < count) z[i + 1] = radius * Math.Sin(2 * Math.PI * u2);
            }
            return z;
        }
    }
}
