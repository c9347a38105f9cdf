using System;
using AutoDiffGen.Tensors;

namespace AutoDiffGen.Tensors.Tests
{
    /// <summary>Naive float64 reference implementations and test data helpers.</summary>
    internal static class Reference
    {
        public static Tensor Random(int rows, int columns, int seed, float scale = 1f)
        {
            var random = new Random(seed);
            var t = new Tensor(rows, columns);
            for (int i = 0; i < t.Length; i++)
            {
                t[i] = scale * (float)((random.NextDouble() * 2) - 1);
            }

            return t;
        }

        public static Tensor RandomVector(int length, int seed, float scale = 1f)
        {
            var random = new Random(seed);
            var t = new Tensor(length);
            for (int i = 0; i < t.Length; i++)
            {
                t[i] = scale * (float)((random.NextDouble() * 2) - 1);
            }

            return t;
        }

        public static Tensor Identity(int n)
        {
            var t = new Tensor(n, n);
            for (int i = 0; i < n; i++)
            {
                t[i, i] = 1f;
            }

            return t;
        }

        /// <summary>op(A)·op(B) in float64, where op transposes the stored matrix when asked.</summary>
        public static double[,] MatMul(Tensor a, bool transA, Tensor b, bool transB) => MatMul(a, transA, b, transB, magnitudes: false);

        /// <summary>|op(A)|·|op(B)| in float64: each product's Σ|term|, which bounds its rounding error.</summary>
        public static double[,] MatMulMagnitudes(Tensor a, bool transA, Tensor b, bool transB) => MatMul(a, transA, b, transB, magnitudes: true);

        private static double[,] MatMul(Tensor a, bool transA, Tensor b, bool transB, bool magnitudes)
        {
            int m = transA ? a.Columns : a.Rows;
            int k = transA ? a.Rows : a.Columns;
            int n = transB ? b.Rows : b.Columns;
            var c = new double[m, n];
            for (int i = 0; i < m; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double sum = 0;
                    for (int p = 0; p < k; p++)
                    {
                        double av = transA ? a[p, i] : a[i, p];
                        double bv = transB ? b[j, p] : b[p, j];
                        sum += magnitudes ? Math.Abs(av * bv) : av * bv;
                    }

                    c[i, j] = sum;
                }
            }

            return c;
        }

        /// <summary>Asserts |actual − expected| ≤ abs + rel·|expected| for every element.</summary>
        public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, double abs, double rel, string what)
        {
            Xunit.Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                double tolerance = abs + (rel * Math.Abs(expected[i]));
                if (!(Math.Abs(actual[i] - expected[i]) <= tolerance))
                {
                    Xunit.Assert.Fail($"{what}: element {i} is {actual[i]}, expected {expected[i]} (tolerance {tolerance}).");
                }
            }
        }

        /// <summary>Asserts |actual − expected| ≤ tolerance[i] for every element.</summary>
        public static void AssertClose(ReadOnlySpan<double> expected, ReadOnlySpan<float> actual, ReadOnlySpan<double> tolerance, string what)
        {
            Xunit.Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                Tolerance.AssertClose(expected[i], actual[i], tolerance[i], $"{what} element {i}");
            }
        }

        public static double[] Flatten(double[,] values)
        {
            var flat = new double[values.Length];
            int index = 0;
            foreach (double v in values)
            {
                flat[index++] = v;
            }

            return flat;
        }
    }
}
