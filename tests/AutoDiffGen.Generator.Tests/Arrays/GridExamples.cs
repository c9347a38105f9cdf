namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Methods over double[,]/float[,] and jagged double[][]/float[][] parameters as practitioners write them, in C# 7.3
/// syntax so the language-version tests can compile the same text.
/// </summary>
internal static class GridExamples
{
    public const string Source = @"
using System;
using AutoDiffGen;

namespace Grids
{
    public static partial class M
    {
        /// Logistic regression: mean cross-entropy over the rows of X.
        [Differentiable(Forward = true)]
        public static double Logistic(double[,] X, double[] w, [NoDiff] double[] y)
        {
            int n = X.GetLength(0);
            double loss = 0;
            for (int i = 0; i < n; i++)
            {
                double z = 0;
                for (int j = 0; j < X.GetLength(1); j++) z += X[i, j] * w[j];
                double p = 1 / (1 + Math.Exp(-z));
                loss -= y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p);
            }
            return loss / n;
        }

        /// The same with jagged rows.
        [Differentiable(Forward = true)]
        public static double LogisticJagged(double[][] X, double[] w, [NoDiff] double[] y)
        {
            double loss = 0;
            for (int i = 0; i < X.Length; i++)
            {
                double z = 0;
                for (int j = 0; j < X[i].Length; j++) z += X[i][j] * w[j];
                double p = 1 / (1 + Math.Exp(-z));
                loss -= y[i] * Math.Log(p) + (1 - y[i]) * Math.Log(1 - p);
            }
            return loss / X.Length;
        }

        /// Half the squared norm of the matrix-vector product A x.
        [Differentiable]
        public static double MatVec(double[,] A, double[] x)
        {
            double s = 0;
            for (int i = 0; i < A.GetLength(0); i++)
            {
                double r = 0;
                for (int j = 0; j < A.GetLength(1); j++) r += A[i, j] * x[j];
                s += 0.5 * r * r;
            }
            return s;
        }

        [Differentiable]
        public static float MatVecJagged(float[][] A, float[] x)
        {
            float s = 0;
            for (int i = 0; i < A.Length; i++)
            {
                float r = 0;
                for (int j = 0; j < A[i].Length; j++) r += A[i][j] * x[j];
                s += 0.5f * r * r;
            }
            return s;
        }

        [Differentiable]
        public static double Frobenius(double[,] A)
        {
            double s = 0;
            for (int i = 0; i < A.GetLength(0); i++)
                for (int j = 0; j < A.GetLength(1); j++) s += A[i, j] * A[i, j];
            return Math.Sqrt(s);
        }

        [Differentiable]
        public static float FrobeniusFloat(float[,] A)
        {
            float s = 0;
            for (int i = 0; i < A.GetLength(0); i++)
                for (int j = 0; j < A.GetLength(1); j++) s += A[i, j] * A[i, j];
            return MathF.Sqrt(s);
        }

        /// Ragged rows: each row has its own length.
        [Differentiable(Forward = true)]
        public static double FrobeniusJagged(double[][] A)
        {
            double s = 0;
            for (int i = 0; i < A.Length; i++)
                for (int j = 0; j < A[i].Length; j++) s += A[i][j] * A[i][j];
            return Math.Sqrt(s);
        }

        [Differentiable(Forward = true)]
        public static double Trace(double[,] A)
        {
            double t = 0;
            for (int i = 0; i < A.GetLength(0); i++) t += A[i, i];
            return t * A.Rank / 2;
        }

        [Differentiable]
        public static double TraceJagged(double[][] A)
        {
            double t = 0;
            for (int i = 0; i < A.Length; i++) t += A[i][i];
            return t;
        }

        /// A constant matrix: xᵀ K x, whose gradient is (K + Kᵀ) x.
        [Differentiable]
        public static double Quadratic([NoDiff] double[,] K, double[] x)
        {
            double s = 0;
            for (int i = 0; i < x.Length; i++)
                for (int j = 0; j < x.Length; j++) s += x[i] * K[i, j] * x[j];
            return s;
        }

        /// int[,] is passed through: pairs of indices.
        [Differentiable]
        public static double Pairs(double[] x, int[,] pairs)
        {
            double s = 0;
            for (int k = 0; k < pairs.GetLength(0); k++) s += x[pairs[k, 0]] * x[pairs[k, 1]];
            return s;
        }

        /// A local double[,] (a Gram matrix through a kernel), its slots overwritten with +=, read on and off the diagonal.
        [Differentiable(Forward = true)]
        public static double Gram(double[,] X, double k)
        {
            int n = X.GetLength(0), d = X.GetLength(1);
            var G = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = 0;
                    for (int c = 0; c < d; c++) s += X[i, c] * X[j, c];
                    G[i, j] = Math.Exp(-k * s);
                }
            double t = 0;
            for (int i = 0; i < n; i++)
            {
                G[i, i] += 1;
                t += G[i, i] * G[i, (i + 1) % n];
            }
            return t;
        }

        /// A local float[,] created in one branch only, filled from a vector.
        [Differentiable]
        public static float Outer(float[] x, int mode)
        {
            float s = 0;
            if (mode > 0)
            {
                var m = new float[2, x.Length];
                for (int j = 0; j < x.Length; j++)
                {
                    m[0, j] = x[j] * x[j];
                    m[1, j] = MathF.Sin(x[j]);
                }
                for (int j = 0; j < x.Length; j++) s += m[0, j] * m[1, j];
            }
            else
            {
                s = x[0];
            }
            return s;
        }

        /// Constant and differentiated grids side by side, rows read in a branch.
        [Differentiable]
        public static double Mixed(double[][] a, [NoDiff] double[][] b, double[,] c, double k)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++)
            {
                if (b[i][0] > 0) s += Math.Sin(a[i][0] * k) * c[i, 1];
                else s += a[i][a[i].Length - 1] * c[i, 0] * b[i][0];
            }
            return s;
        }
    }
}
";
}
