namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// foreach over a double[,] (row-major) and over the rows of a jagged double[][] whose elements carry gradients
/// (issue 13, idioms11; <see cref="GridForEachTests"/>).
/// </summary>
public static class GridForEachExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Grids
        {
            // Σₖ (k + 1)·vₖ² + x·vₖ, k the row-major position: the weights show the order.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Weighted(double[,] m, double x)
            {
                double s = 0;
                int k = 0;
                foreach (double v in m)
                {
                    s += v * v * (k + 1) + x * v;
                    k++;
                }
                return s;
            }

            // x·Σ sin aᵢⱼ over rows of any lengths.
            [Differentiable(Forward = true)]
            public static double Rows(double[][] a, double x)
            {
                double s = 0;
                foreach (var row in a)
                    foreach (var v in row)
                        s += Math.Sin(v) * x;
                return s;
            }

            // Σⱼ x·a[1][j]²: one row of a jagged array.
            [Differentiable(Forward = true)]
            public static double OneRow(double[][] a, double x)
            {
                double s = 0;
                foreach (var v in a[1]) s += v * v * x;
                return s;
            }

            // Row-major until the first element above 2: Σ x·v before it.
            [Differentiable(Forward = true)]
            public static double UntilLarge(double[,] m, double x)
            {
                double s = 0;
                foreach (double v in m)
                {
                    if (v > 2) break;
                    s += v * x;
                }
                return s;
            }

            // Σᵢ (i + 1)·Σⱼ aᵢⱼ² over the non-negative elements (continue skips the rest).
            [Differentiable(Forward = true)]
            public static double RowWeighted(double[][] a)
            {
                double s = 0;
                int r = 0;
                foreach (var row in a)
                {
                    r++;
                    foreach (var v in row)
                    {
                        if (v < 0) continue;
                        s += r * v * v;
                    }
                    s += 0.5 * r;
                }
                return s;
            }

            // Σ v² of a float[,].
            [Differentiable(Forward = true)]
            public static float Floats(float[,] m)
            {
                float s = 0f;
                foreach (float v in m) s += v * v;
                return s;
            }

            // A local double[,] of x, x², 1, x³: Σ v² = x² + x⁴ + 1 + x⁶.
            [Differentiable(Forward = true, Hessian = true)]
            public static double LocalGrid(double x)
            {
                var g = new double[2, 2];
                g[0, 0] = x;
                g[0, 1] = x * x;
                g[1, 0] = 1;
                g[1, 1] = x * x * x;
                double s = 0;
                foreach (double v in g) s += v * v;
                return s;
            }
        }
        """;
}
