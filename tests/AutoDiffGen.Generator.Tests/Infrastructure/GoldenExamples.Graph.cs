namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>[Differentiable(Graph = true)]: the extra file with MGraph and MTrace next to MBackward.</summary>
    public static class Graph
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.Graph
            {
                public static partial class Drawn
                {
                    /// The lecture's sigmoid neuron with two inputs.
                    [Differentiable(Graph = true)]
                    public static double Neuron(double w0, double x0, double w1, double x1, double b)
                    {
                        double dot = w0 * x0 + w1 * x1 + b;
                        return 1.0 / (1.0 + Math.Exp(-dot));
                    }

                    /// A branch: drawn with its clusters, and traced along the branch taken.
                    [Differentiable(Graph = true)]
                    public static double Clipped(double x, double y)
                    {
                        double r;
                        if (x * y > 1)
                        {
                            r = Math.Log(x * y);
                        }
                        else
                        {
                            r = x * y - 1;
                        }
                        return r * x;
                    }

                    /// A loop with a branch inside: drawn, but a loop has no trace.
                    [Differentiable(Graph = true)]
                    public static double Damped(double x, double k, int steps)
                    {
                        double v = x;
                        for (int i = 0; i < steps; i++)
                        {
                            if (v > 1)
                            {
                                v = v * k;
                            }
                            else
                            {
                                v = v + Math.Sin(v);
                            }
                        }
                        return v;
                    }
                }
            }
            """;
    }
}
