namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>
    /// Checkpointed loops (<c>Checkpoint = true</c>): a scalar recurrence, and the Monte Carlo pricer of issue 14 (a
    /// path loop around a time-step loop) whose path loop is checkpointed with the step loop inside it.
    /// </summary>
    public static class Checkpoint
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.Checkpoint
            {
                public static partial class Long
                {
                    [Differentiable(Checkpoint = true)]
                    public static double Decay(double x, double a, int n)
                    {
                        double y = x;
                        for (int i = 0; i < n; i++) y = y * a + Math.Sin(y);
                        return y;
                    }

                    [Differentiable(Checkpoint = true)]
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
                }
            }
            """;
    }
}
