namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>The programs of <see cref="ComposeTests"/>: 1-D arrays written as people write them.</summary>
internal static class ComposeSources
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Ac
        {
            // ---- initializers and collection expressions ----
            [Differentiable]
            public static double Implicit(double x, double y)
            {
                var a = new[] { x, y * 2 };
                return a[0] * a[1] + a[1];
            }

            [Differentiable]
            public static double Typed(double x, double y)
            {
                var a = new double[] { x, y * 2, 3 };
                return a[0] * a[1] * a[2];
            }

            [Differentiable]
            public static double Braces(double x, double y)
            {
                double[] a = { x, y, x * y };
                a[1] = a[1] * a[2];
                return a[0] + a[1];
            }

            [Differentiable]
            public static double Collection(double x, double y)
            {
                double[] a = [x, Math.Sin(y), 1];
                return a[0] * a[1] + a[2];
            }

            [Differentiable]
            public static float Floats(float x, float y)
            {
                float[] a = { x, y, 2 };
                return a[0] * a[1] * a[2];
            }

            // ---- arrays created inside loops ----
            [Differentiable]
            public static double InLoop(double[] x, int n)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    var t = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) t[i] = x[i] * (k + 1);
                    for (int i = 0; i < t.Length; i++) s += t[i] * t[i];
                }
                return s;
            }

            [Differentiable]
            public static double InLoopInitializer(double x, double y, int n)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    double[] t = { x * k, y };
                    s += t[0] * t[1] + s * 0.1;
                }
                return s;
            }

            [Differentiable]
            public static double InLoopSized(double[] x)
            {
                double s = 0;
                for (int k = 1; k <= x.Length; k++)
                {
                    var t = new double[k];
                    for (int i = 0; i < k; i++) t[i] = x[i] * x[k - 1];
                    double u = 0;
                    for (int i = 0; i < k; i++) u += Math.Sin(t[i]);
                    s += u * u;
                }
                return s;
            }

            // ---- local arrays to callees ----
            [Differentiable]
            public static double SumSq(double[] v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

            [Differentiable]
            public static double SpanSum(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i];
                return s;
            }

            [Differentiable]
            public static double SpanCubes(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i] * v[i];
                return s;
            }

            [Differentiable]
            public static double StoredAfter(double x, double y)
            {
                var t = new double[2];
                t[0] = x;
                t[1] = y;
                double a = SumSq(t);
                t[0] = a * y;
                return a + SumSq(t);
            }

            [Differentiable]
            public static double CalleeInLoop(double[] x, int n)
            {
                double s = 0;
                for (int k = 0; k < n; k++)
                {
                    var t = new double[x.Length];
                    for (int i = 0; i < x.Length; i++) t[i] = x[i] + k * x[0];
                    s += Math.Sqrt(SumSq(t) + 1);
                }
                return s;
            }

            [Differentiable]
            public static double StoredAfterInLoop(double[] x)
            {
                var t = new double[x.Length];
                double s = 0;
                for (int k = 0; k < x.Length; k++)
                {
                    t[k] = x[k] * x[k];
                    s += SumSq(t) * x[k];
                }
                return s;
            }

            [Differentiable]
            public static double BranchInLoop(double[] x)
            {
                double s = 0;
                for (int k = 0; k < x.Length; k++)
                {
                    if (x[k] > 0)
                    {
                        var t = new double[2];
                        t[0] = x[k];
                        t[1] = x[k] * s;
                        s += SumSq(t);
                        t[1] = s;
                        s += t[1] * 0.5;
                    }
                    else
                    {
                        s -= x[k] * s;
                    }
                }
                return s;
            }

            [Differentiable]
            public static float FloatSlices(float[] x) => FloatSpan(x.AsSpan(1)) * x[^1];

            [Differentiable]
            public static float FloatSpan(ReadOnlySpan<float> v)
            {
                float s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

            // ---- a [DerivativeOf] that takes an array adjoint (pullback shape) ----
            public static double Norm2(double[] v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

            [DerivativeOf(nameof(Norm2))]
            public static void Norm2Pullback(double[] v, double result, double dResult, double[] dV)
            {
                for (int i = 0; i < v.Length; i++) dV[i] += 2 * v[i] * dResult;
            }

            [Differentiable]
            public static double ViaPullback(double x, double[] w)
            {
                double[] t = { x, x * w[0] };
                double a = Norm2(t);
                t[0] = a;
                return a + Norm2(w) * x + Norm2(t);
            }

            static readonly double[] Weights = { 0.5, -1.0, 2.0 };

            [Differentiable]
            public static double WithConstant(double x) => SumSq(Weights) * x + SpanSum(Weights) * x * x;

            // ---- slices ----
            [Differentiable]
            public static double Tail(double[] x) => SpanSum(x.AsSpan(1)) + SpanCubes(x.AsSpan(1, 2));

            [Differentiable]
            public static double Ranges(double[] x, int a, int b) => SpanCubes(x[1..]) + 2 * SpanSum(x[a..b]) + SpanSum(x[..^1]);

            [Differentiable]
            public static double SpanSlices(ReadOnlySpan<double> x) => SpanCubes(x.Slice(1, 2)) + SpanSum(x[2..]);

            [Differentiable]
            public static double Last(double[] x) => x[^1] * x[0] + x[^2];

            [Differentiable]
            public static double LocalSlice(double x, double y)
            {
                var t = new double[3];
                t[0] = x; t[1] = y; t[2] = x * y;
                return SpanCubes(t.AsSpan(1));
            }

            [Differentiable]
            public static double SlicesInLoop(double[] x, int size)
            {
                double s = 0;
                for (int k = 0; k + size <= x.Length; k += size) s += SpanCubes(x.AsSpan(k, size)) * (k + 1);
                return s;
            }

            // ---- expanded params ----
            [Differentiable]
            public static double Cubes(params double[] xs)
            {
                double s = 0;
                foreach (var v in xs) s += v * v * v;
                return s;
            }

            [Differentiable]
            public static double Expanded(double x, double y) => Cubes(x, y, x * y);

            [Differentiable]
            public static double ExpandedInLoop(double x, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += Cubes(x, x * i, 1);
                return s;
            }
        }
        """;
}
