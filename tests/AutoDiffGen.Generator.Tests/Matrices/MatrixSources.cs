namespace AutoDiffGen.Generator.Tests.Matrices;

/// <summary>
/// double[,] and jagged double[][] values as ML users write them: passed to [Differentiable] helpers (a quadratic form,
/// a matrix–vector product, a Frobenius norm, a dot product of a jagged row), and written into (a[i, j] *= k).
/// </summary>
internal static class MatrixSources
{
    /// <summary>Helpers and callers that only read their grids (Forward = true everywhere: MForward passes tangents of the same shapes).</summary>
    public const string Calls = """
        using System;
        using AutoDiffGen;

        namespace Matrices
        {
            public static partial class L
            {
                [Differentiable(Forward = true)]
                public static double Dot(double[] a, double[] b)
                {
                    double s = 0;
                    for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
                    return s;
                }

                [Differentiable(Forward = true)]
                public static double DotSpan(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
                {
                    double s = 0;
                    for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
                    return s;
                }

                /// <summary>xᵀAx.</summary>
                [Differentiable(Forward = true)]
                public static double Quad(double[,] A, double[] x)
                {
                    double s = 0;
                    for (int i = 0; i < x.Length; i++)
                        for (int j = 0; j < x.Length; j++)
                            s += x[i] * A[i, j] * x[j];
                    return s;
                }

                /// <summary>(W x)[row].</summary>
                [Differentiable(Forward = true)]
                public static double RowTimes(double[,] W, double[] x, int row)
                {
                    double s = 0;
                    for (int j = 0; j < x.Length; j++) s += W[row, j] * x[j];
                    return s;
                }

                [Differentiable(Forward = true)]
                public static double Frobenius(double[,] a)
                {
                    double s = 0;
                    for (int i = 0; i < a.GetLength(0); i++)
                        for (int j = 0; j < a.GetLength(1); j++) s += a[i, j] * a[i, j];
                    return Math.Sqrt(s);
                }

                [Differentiable(Forward = true)]
                public static double SumSquares(double[][] a)
                {
                    double s = 0;
                    for (int i = 0; i < a.Length; i++)
                        for (int j = 0; j < a[i].Length; j++) s += a[i][j] * a[i][j];
                    return s;
                }

                /// <summary>A quadratic form through the helper, scaled: the callee's Backward adds into dA and dX.</summary>
                [Differentiable(Forward = true)]
                public static double QuadTwice(double[,] A, double[] x) => 2 * Quad(A, x) + Quad(A, x) * x[0];

                /// <summary>A 2-layer MLP: h = tanh(W1 x + b1), y = w2·h + b2, loss (y − t)².</summary>
                [Differentiable(Forward = true)]
                public static double Mlp(double[,] W1, double[] b1, double[] w2, double b2, double[] x, double t)
                {
                    double y = b2;
                    for (int k = 0; k < b1.Length; k++) y += w2[k] * Math.Tanh(RowTimes(W1, x, k) + b1[k]);
                    double e = y - t;
                    return e * e;
                }

                /// <summary>Logistic regression over jagged rows: each row's score by the Dot helper.</summary>
                [Differentiable(Forward = true)]
                public static double LogisticRows(double[][] X, double[] w, [NoDiff] double[] y)
                {
                    double loss = 0;
                    for (int i = 0; i < X.Length; i++)
                    {
                        double p = 1 / (1 + Math.Exp(-Dot(X[i], w)));
                        loss -= y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p);
                    }
                    return loss / X.Length;
                }

                /// <summary>Rows passed as spans, and an element of the same row read directly.</summary>
                [Differentiable(Forward = true)]
                public static double RowsSpan(double[][] a, double[] w)
                {
                    double s = 0;
                    for (int i = 0; i < a.Length; i++) s += DotSpan(a[i], w) * a[i][0];
                    return s;
                }

                /// <summary>A jagged parameter passed whole, and its last row.</summary>
                [Differentiable(Forward = true)]
                public static double Jagged(double[][] a, double[] w) => SumSquares(a) * Dot(a[a.Length - 1], w);

                /// <summary>Constant grids passed to helpers that take adjoints: scratch adjoints of their shape.</summary>
                [Differentiable(Forward = true)]
                public static double Constants([NoDiff] double[,] m, [NoDiff] double[][] k, double[] w) => Quad(m, w) + Dot(k[1], w) + Jagged(k, w) + Frobenius(m) * w[0];

                /// <summary>A local double[,] filled from the parameters and passed to the helper.</summary>
                [Differentiable(Forward = true)]
                public static double LocalGrid(double x, double y)
                {
                    var m = new double[2, 3];
                    m[0, 0] = x;
                    m[1, 2] = x * y;
                    m[0, 1] = Math.Sin(y);
                    return Frobenius(m);
                }

                /// <summary>float grids.</summary>
                [Differentiable(Forward = true)]
                public static float FloatQuad(float[,] A, float[] x) => FQuad(A, x) + x[0];

                [Differentiable(Forward = true)]
                public static float FQuad(float[,] A, float[] x)
                {
                    float s = 0;
                    for (int i = 0; i < x.Length; i++)
                        for (int j = 0; j < x.Length; j++)
                            s += x[i] * A[i, j] * x[j];
                    return s;
                }
            }
        }
        """;

    /// <summary>Methods that write into their double[,] parameters (in/out adjoints, docs/ref-out.md).</summary>
    public const string Writes = """
        using System;
        using AutoDiffGen;

        namespace Matrices
        {
            public static partial class W
            {
                [Differentiable]
                public static double Twice(double[,] a)
                {
                    a[0, 0] *= 2;
                    return a[0, 0] * a[0, 1];
                }

                /// <summary>Every element scaled in place, and the scaled values' squares summed.</summary>
                [Differentiable]
                public static double Scale(double[,] a, double k)
                {
                    double s = 0;
                    for (int i = 0; i < a.GetLength(0); i++)
                        for (int j = 0; j < a.GetLength(1); j++)
                        {
                            a[i, j] *= k;
                            s += a[i, j] * a[i, j];
                        }
                    return s;
                }

                /// <summary>Overwrites, reading the old value first.</summary>
                [Differentiable]
                public static double Shift(double[,] a, double x)
                {
                    double old = a[1, 0];
                    a[1, 0] = a[0, 1] * x;
                    a[0, 1] = old + x;
                    return a[1, 0] * a[0, 1] + old;
                }

                [Differentiable]
                public static void Fill(double[,] m, double x)
                {
                    m[0, 1] = x * x;
                    m[1, 0] += x;
                }

                /// <summary>A helper that writes into the caller's double[,] parameter.</summary>
                [Differentiable]
                public static double UseFill(double[,] a, double x)
                {
                    Fill(a, x);
                    return a[0, 1] * a[1, 0] + a[1, 1];
                }

                [Differentiable]
                public static double Norm2(double[,] a)
                {
                    double s = 0;
                    for (int i = 0; i < a.GetLength(0); i++)
                        for (int j = 0; j < a.GetLength(1); j++) s += a[i, j] * a[i, j];
                    return s;
                }

                /// <summary>Passed to a helper, then written, then passed again: the first call's Backward sees a copy taken at the call.</summary>
                [Differentiable]
                public static double PassThenWrite(double[,] a, double x)
                {
                    double s = Norm2(a);
                    a[0, 0] *= x;
                    return s * x + Norm2(a);
                }

                /// <summary>The same in a loop: a copy per iteration.</summary>
                [Differentiable]
                public static double PassThenWriteInALoop(double[,] a, double x)
                {
                    double s = 0;
                    for (int i = 0; i < a.GetLength(0); i++)
                    {
                        s += Norm2(a) * x;
                        a[i, 0] *= x;
                    }
                    return s + a[0, 0];
                }

                /// <summary>A helper that writes into a local double[,].</summary>
                [Differentiable]
                public static double UseFillLocal(double x)
                {
                    var m = new double[2, 2];
                    m[1, 1] = x;
                    m[1, 0] = 3 * x;
                    Fill(m, x);
                    return m[0, 1] * m[1, 0] * m[1, 1];
                }
            }
        }
        """;
}
