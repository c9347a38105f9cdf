namespace AutoDiffGen.Generator.Tests.Matrices;

/// <summary>Void <c>Forward = true</c> methods that write into their double[,] (and float[,]) parameters (<see cref="MatrixWriteForwardTests"/>).</summary>
public static class MatrixWriteForwardSources
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        namespace Matrices
        {
            public static partial class WF
            {
                /// <summary>Stores, an accumulation and an in-place product of two slots.</summary>
                [Differentiable(Forward = true)]
                public static void Fill(double[,] m, double x)
                {
                    m[0, 1] = x * x;
                    m[1, 0] += x;
                    m[1, 1] *= m[0, 0];
                }

                /// <summary>Every element scaled in place, row-major, by k times the (already scaled) first one.</summary>
                [Differentiable(Forward = true)]
                public static void Scale(double[,] a, double k)
                {
                    for (int i = 0; i < a.GetLength(0); i++)
                        for (int j = 0; j < a.GetLength(1); j++)
                            a[i, j] *= k * a[0, 0];
                }

                /// <summary>Reads one grid and a vector, writes another: y[i, j] = sin(a[i, j]) · x[j].</summary>
                [Differentiable(Forward = true)]
                public static void Columns(double[,] a, double[] x, double[,] y)
                {
                    for (int i = 0; i < a.GetLength(0); i++)
                        for (int j = 0; j < a.GetLength(1); j++)
                            y[i, j] = Math.Sin(a[i, j]) * x[j];
                }

                public static void ColumnsForwardArrays(double[,] a, double[] x, double[,] y, double[,] tA, double[] tX, double[,] tY) => ColumnsForward(a, x, y, tA, tX, tY);

                /// <summary>A Forward callee that writes the caller's own double[,] parameter, then a branch.</summary>
                [Differentiable(Forward = true)]
                public static void Outer(double[,] m, double x)
                {
                    Fill(m, x);
                    if (x > 0) m[0, 0] = m[0, 1] * x; else m[0, 0] -= Math.Exp(m[1, 0]);
                }

                /// <summary>A local double[,] written by a Forward callee.</summary>
                [Differentiable(Forward = true)]
                public static double UseLocal(double x)
                {
                    var m = new double[2, 2];
                    m[0, 0] = x;
                    m[1, 1] = 3;
                    Fill(m, x);
                    return m[0, 1] * m[1, 0] + m[1, 1];
                }

                [Differentiable(Forward = true)]
                public static void FillF(float[,] m, float x)
                {
                    m[0, 1] = x * x;
                    m[1, 1] *= m[0, 0];
                }

                /// <summary>A null grid is allowed (double[,]?), as in MBackward.</summary>
                [Differentiable(Forward = true)]
                public static void Optional(double[,]? m, double x)
                {
                    if (m != null) m[0, 1] = x * m[1, 1];
                }
            }
        }
        """;
}
