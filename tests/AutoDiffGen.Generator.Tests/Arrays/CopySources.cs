namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>The programs of <see cref="CopyTests"/>: copies of arrays and spans as people take them, and writes around them.</summary>
internal static class CopySources
{
    public const string Source = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Cp
        {
            [Differentiable]
            public static double CloneThenWrite(double[] x)
            {
                var y = (double[])x.Clone();
                y[0] = y[0] * 2;
                return y[0] + y[1] * x[0];
            }

            [Differentiable]
            public static double ToArrayThenScale(double[] x)
            {
                var y = x.ToArray();
                for (int i = 0; i < y.Length; i++) y[i] *= i + 1;
                double s = 0;
                for (int i = 0; i < y.Length; i++) s += y[i] * x[i];
                return s;
            }

            [Differentiable]
            public static double SpanSliceCopy(ReadOnlySpan<double> s)
            {
                var y = s.Slice(1, 2).ToArray();
                y[1] += y[0];
                return y[0] * y[1];
            }

            [Differentiable]
            public static double AsSpanCopy(double[] x, int from)
            {
                double[] w = x.AsSpan(from, 2).ToArray();
                return w[0] * w[1] + x[from];
            }

            [Differentiable]
            public static double RangeCopy(double[] x)
            {
                double[] r = x[1..^1];
                r[0] = r[0] * r[0];
                return r[0] * r[1] + x[1];
            }

            // Ranges copied in a loop: x[..i] is a new array every iteration.
            [Differentiable]
            public static double RangesInLoop(double[] x)
            {
                double s = 0;
                for (int i = 1; i < x.Length; i++)
                {
                    double[] r = x[..i];
                    s += r[i - 1] * r[0];
                    r[0] = s;
                    s += r[0];
                }
                return s;
            }

            // Aliasing: the original written after the copy; the copy must keep the values it was taken with.
            [Differentiable]
            public static double WriteOriginalAfter(double a, double b)
            {
                var t = new[] { a, b };
                var u = (double[])t.Clone();
                t[0] = 5 * b;
                return u[0] * t[1] + t[0] * u[1];
            }

            // Aliasing: an array parameter written after its copy (the parameter is then an output: in/out adjoint).
            [Differentiable]
            public static double WriteParameterAfter(double[] x)
            {
                var keep = (double[])x.Clone();
                x[0] = x[0] * x[1];
                return keep[0] * x[0] + keep[1];
            }

            // A second name for the parameter (ArrayAliases, since the mathnet3 merge): the same array, not a copy.
            [Differentiable]
            public static double SecondName(double[] x)
            {
                var y = x;
                y[0] = 2;
                return x[0] * y[1] + y[2];
            }

            // A copy of a copy, and both written.
            [Differentiable]
            public static double CopyOfCopy(double[] x)
            {
                var a = x.ToArray();
                a[0] = Math.Sin(a[0]);
                var b = (double[])a.Clone();
                b[1] = b[0] * b[1];
                a[1] = 0;
                return a[0] + b[1] + a[1];
            }

            // A copy passed to a [Differentiable] callee that writes into it, then read.
            [Differentiable]
            public static void Scale(double[] v, double k)
            {
                for (int i = 0; i < v.Length; i++) v[i] *= k;
            }

            [Differentiable]
            public static double CopyPassed(double[] x, double k)
            {
                var y = x.ToArray();
                Scale(y, k);
                return y[0] * y[1] + x[0];
            }

            [Differentiable]
            public static double CopyInBranch(double[] x, bool flip)
            {
                double s = x[0];
                if (flip)
                {
                    var y = (double[])x.Clone();
                    y[0] = -y[1];
                    s += y[0] * y[2];
                }
                return s;
            }

            // Copies inside loops: a new array every iteration, its adjoint added back into the source's where it was taken.
            [Differentiable]
            public static double CloneInLoop(double[] x, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    var y = (double[])x.Clone();
                    y[0] *= s + 1;
                    s += y[0] * y[1];
                }
                return s;
            }

            [Differentiable]
            public static double WindowsInLoop(double[] x)
            {
                double s = 0;
                for (int i = 0; i + 2 <= x.Length; i++)
                {
                    var w = x.AsSpan(i, 2).ToArray();
                    w[1] = w[0] * w[1];
                    s += w[1] * x[i];
                }
                return s;
            }

            // A copy in a loop passed to a callee that writes into it: the Backward takes each iteration's array back.
            [Differentiable]
            public static double CopyPassedInLoop(double[] x, double k)
            {
                double s = 0;
                for (int i = 0; i < 2; i++)
                {
                    var y = x.ToArray();
                    Scale(y, k + i);
                    s += y[0] * y[1];
                }
                return s;
            }

            [Differentiable]
            public static double SpanCopiesInLoop(ReadOnlySpan<double> v, int n)
            {
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    var y = v.Slice(i, 2).ToArray();
                    y[0] += s;
                    s += y[0] * y[1];
                }
                return s;
            }

            [Differentiable]
            public static float Floats(float[] x)
            {
                var y = x.ToArray();
                y[0] *= y[1];
                return y[0] + y[1];
            }
        }
        """;

    /// <summary>Copies that stay diagnosed, each with what to write instead.</summary>
    public const string Diagnosed = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Bad
        {
            [Differentiable]
            public static double Alias(double[] x)
            {
                var y = x;
                y[0] = 2;
                return x[0] * y[1];
            }

            [Differentiable]
            public static double OfComputed(double[] x, double[] z, bool c)
            {
                var y = (c ? x : z).ToArray();
                return y[0];
            }
        }
        """;
}
