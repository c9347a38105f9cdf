namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>Array and span parameters, a [NoDiff] array with int labels, and local arrays.</summary>
    public static class Arrays
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.Arrays
            {
                public static partial class Vectors
                {
                    /// Two array parameters, each with an array adjoint.
                    [Differentiable]
                    public static double Dot(double[] a, double[] b)
                    {
                        double s = 0;
                        for (int i = 0; i < a.Length; i++)
                        {
                            s += a[i] * b[i];
                        }
                        return s;
                    }

                    /// A span parameter (Span adjoint) next to a scalar; foreach over the span.
                    [Differentiable]
                    public static double Rastrigin(ReadOnlySpan<double> x, double a)
                    {
                        double sum = a * x.Length;
                        foreach (double v in x)
                        {
                            sum += v * v - a * Math.Cos(2 * Math.PI * v);
                        }
                        return sum;
                    }

                    /// Mean logistic loss of w·x: the samples are a [NoDiff] array, the labels (±1) an int array.
                    [Differentiable]
                    public static double LogisticLoss(double[] w, [NoDiff] double[] xs, int[] labels)
                    {
                        int d = w.Length;
                        double total = 0;
                        for (int n = 0; n < labels.Length; n++)
                        {
                            double z = 0;
                            for (int j = 0; j < d; j++)
                            {
                                z += w[j] * xs[n * d + j];
                            }
                            total += Math.Log(1 + Math.Exp(-labels[n] * z));
                        }
                        return total / labels.Length;
                    }

                    /// A local array filled in one loop (each slot reads the previous one) and read in another.
                    [Differentiable]
                    public static double Smoothed(double[] x, double alpha)
                    {
                        var s = new double[x.Length];
                        s[0] = x[0];
                        for (int i = 1; i < x.Length; i++)
                        {
                            s[i] = alpha * x[i] + (1 - alpha) * s[i - 1];
                        }
                        double loss = 0;
                        for (int i = 0; i < s.Length; i++)
                        {
                            double r = s[i] - x[i];
                            loss += r * r;
                        }
                        return loss;
                    }

                    /// A fixed-size local array whose slots are overwritten.
                    [Differentiable]
                    public static double Overwrite(double x, double y)
                    {
                        double[] t = new double[2];
                        t[0] = x * y;
                        t[1] = t[0] + y;
                        t[0] = Math.Exp(x);
                        t[1] *= t[0];
                        return t[0] + t[1];
                    }
                }

                public static partial class Matrices
                {
                    /// Logistic regression over the rows of a double[,]: its adjoint (and its tangent) is a double[,] of its shape.
                    [Differentiable(Forward = true)]
                    public static double LogisticRegression(double[,] X, double[] w, [NoDiff] double[] y)
                    {
                        double loss = 0;
                        for (int i = 0; i < X.GetLength(0); i++)
                        {
                            double z = 0;
                            for (int j = 0; j < X.GetLength(1); j++) z += X[i, j] * w[j];
                            double p = 1 / (1 + Math.Exp(-z));
                            loss -= y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p);
                        }
                        return loss;
                    }

                    /// The norms of the rows of a jagged array, which may differ in length.
                    [Differentiable]
                    public static double RowNorms(double[][] rows)
                    {
                        double s = 0;
                        for (int i = 0; i < rows.Length; i++)
                        {
                            double r = 0;
                            for (int j = 0; j < rows[i].Length; j++) r += rows[i][j] * rows[i][j];
                            s += Math.Sqrt(r);
                        }
                        return s;
                    }
                }
            }
            """;
    }
}
