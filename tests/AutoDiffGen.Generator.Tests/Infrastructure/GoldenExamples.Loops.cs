namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>Loops that overwrite values (a tape), break and return inside a loop, nested loops.</summary>
    public static class Loops
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.Loops
            {
                public static partial class Iterations
                {
                    /// Horner's rule: the accumulator is overwritten every iteration, so its values are taped.
                    [Differentiable]
                    public static double Horner(double[] c, double x)
                    {
                        double acc = 0;
                        for (int i = c.Length - 1; i >= 0; i--)
                        {
                            acc = acc * x + c[i];
                        }
                        return acc;
                    }

                    /// A while loop with a counter: Heron's square root, a fixed number of steps.
                    [Differentiable]
                    public static double Heron(double a, int steps)
                    {
                        double x = a;
                        int k = 0;
                        while (k < steps)
                        {
                            x = 0.5 * (x + a / x);
                            k++;
                        }
                        return x;
                    }

                    /// break inside a loop: sums squares until the running sum passes a limit.
                    [Differentiable]
                    public static double SumUntil(double[] x, double limit)
                    {
                        double s = 0;
                        for (int i = 0; i < x.Length; i++)
                        {
                            if (s > limit)
                            {
                                break;
                            }
                            s += x[i] * x[i];
                        }
                        return s;
                    }

                    /// return inside a loop: the first scaled element above 1, squared.
                    [Differentiable]
                    public static double FirstAbove(double[] x, double w)
                    {
                        for (int i = 0; i < x.Length; i++)
                        {
                            double v = x[i] * w;
                            if (v > 1)
                            {
                                return v * v;
                            }
                        }
                        return w;
                    }

                    /// Nested loops that only accumulate: the quadratic form xᵀAx of a row-major n×n matrix.
                    [Differentiable]
                    public static double Quadratic(double[] a, double[] x)
                    {
                        int n = x.Length;
                        double s = 0;
                        for (int i = 0; i < n; i++)
                        {
                            for (int j = 0; j < n; j++)
                            {
                                s += a[i * n + j] * x[i] * x[j];
                            }
                        }
                        return s;
                    }

                    /// Nested loops that overwrite: a scalar recurrent cell run over the inputs several times.
                    [Differentiable]
                    public static double Recurrent(double[] inputs, double w, double u, int passes)
                    {
                        double h = 0;
                        for (int p = 0; p < passes; p++)
                        {
                            for (int t = 0; t < inputs.Length; t++)
                            {
                                h = Math.Tanh(w * h + u * inputs[t]);
                            }
                        }
                        return h;
                    }
                }
            }
            """;
    }
}
