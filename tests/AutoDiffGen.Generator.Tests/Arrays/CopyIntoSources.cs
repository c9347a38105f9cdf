namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// The programs of <see cref="CopyIntoTests"/>: copies into arrays that exist, as people write them (<c>Array.Copy</c>,
/// <c>Array.ConstrainedCopy</c>, <c>x.CopyTo(y, i)</c>, a span's <c>CopyTo</c>), into local arrays and into array or span
/// parameters, in loops and branches, and the copies around them that would go wrong if the copy shared adjoints.
/// </summary>
internal static class CopyIntoSources
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Ci
        {
            // y = (x0, x1, x2, 2x0): the value stored in y[0] before the copy is overwritten and gets nothing.
            [Differentiable]
            public static double Basic(double[] x)
            {
                var y = new double[4];
                y[3] = 2 * x[0];
                y[0] = 5 * x[3];
                Array.Copy(x, y, 3);
                return y[0] * y[1] + y[2] * y[3];
            }

            // y = (0, x[a], x[a + 1], 3x0, 4x0).
            [Differentiable]
            public static double Five(double[] x, int a)
            {
                var y = new double[5];
                for (int i = 0; i < 5; i++) y[i] = x[0] * i;
                Array.Copy(x, a, y, 1, 2);
                double s = 0;
                for (int i = 0; i < 5; i++) s += y[i] * y[i];
                return s;
            }

            // y = (x1, x2, x0).
            [Differentiable]
            public static double Constrained(double[] x)
            {
                var y = new double[3];
                Array.ConstrainedCopy(x, 1, y, 0, 2);
                y[2] = x[0];
                return y[0] * y[1] * y[2];
            }

            // y = (3x1, x0, …, x(n-1)).
            [Differentiable]
            public static double WholeCopyTo(double[] x)
            {
                var y = new double[x.Length + 1];
                y[0] = 3 * x[1];
                x.CopyTo(y, 1);
                return y[0] * y[1] + y[x.Length];
            }

            // y = (x0², x1², x1, x2).
            [Differentiable]
            public static double SpanSlices(double[] x)
            {
                var y = new double[4];
                for (int i = 0; i < 4; i++) y[i] = x[i] * x[i];
                x.AsSpan(1, 2).CopyTo(y.AsSpan(2));
                return y[0] * y[1] + y[2] * y[3];
            }

            // y = x, then y0 = x0·x1: x0x1 + x2.
            [Differentiable]
            public static double WholeSpan(double[] x)
            {
                var y = new double[x.Length];
                x.AsSpan().CopyTo(y);
                y[0] *= y[1];
                return y[0] + y[2];
            }

            // A slice of a slice into a range of the destination: y = (sin x0, x2, x3).
            [Differentiable]
            public static double SliceOfSlice(double[] x)
            {
                var y = new double[3];
                y[0] = Math.Sin(x[0]);
                x.AsSpan(1).Slice(1, 2).CopyTo(y.AsSpan()[1..]);
                return y[1] * y[2] + y[0];
            }

            // MemoryExtensions.CopyTo(T[], Span<T>): y = (0, 0, x0, x1, …).
            [Differentiable]
            public static double ArrayIntoSpan(double[] x)
            {
                var y = new double[x.Length + 2];
                x.CopyTo(y.AsSpan(2));
                return y[2] * y[3] + y[1];
            }

            // A window slid along x: each iteration overwrites y, and y[1] is written after the copy.
            [Differentiable]
            public static double Window(double[] x, int n)
            {
                var y = new double[2];
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    Array.Copy(x, i, y, 0, 2);
                    s += y[0] * y[1];
                    y[1] = s;
                    s += y[1] * x[0];
                }
                return s + y[0];
            }

            [Differentiable]
            public static double InBranch(double[] x, bool c)
            {
                var y = new double[3];
                y[0] = x[2];
                y[1] = x[2] * x[2];
                if (c) Array.Copy(x, y, 2);
                return y[0] * y[1] + x[0];
            }

            // A local array copied into another, then written: the copy keeps the values it was made with.
            [Differentiable]
            public static double LocalToLocal(double[] x)
            {
                var a = new double[3];
                for (int i = 0; i < 3; i++) a[i] = 2 * x[i];
                var b = new double[3];
                b[2] = x[0];
                Array.Copy(a, b, 2);
                a[0] = x[1] * x[1];
                return a[0] * b[0] + b[1] * b[2];
            }

            // A local array passed to a callee, then copied into: the callee's Backward sees the values the call saw.
            [Differentiable]
            public static double SumSq(double[] v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

            [Differentiable]
            public static double CalledThenCopied(double[] x)
            {
                var y = new double[2];
                y[0] = x[0] * x[1];
                y[1] = x[2];
                double s = SumSq(y);
                Array.Copy(x, 1, y, 0, 2);
                return s + y[0] * y[1];
            }

            // A [Differentiable] callee that copies into its parameter writes into it (ArrayWrites).
            [Differentiable]
            public static void Fill(double[] source, double[] target)
            {
                Array.Copy(source, target, source.Length);
            }

            [Differentiable]
            public static double CallsFill(double[] x)
            {
                var t = new double[x.Length];
                Fill(x, t);
                return t[0] * t[1] + t[2];
            }

            // From a span parameter.
            [Differentiable]
            public static double FromSpan(ReadOnlySpan<double> s)
            {
                var y = new double[2];
                s.Slice(1, 2).CopyTo(y);
                return y[0] * y[1] + s[0];
            }

            // A constant source: the copy only overwrites.
            private static readonly double[] Weights = { 0.5, 2.0 };

            [Differentiable]
            public static double ConstantSource(double[] x)
            {
                var y = new double[3];
                for (int i = 0; i < 3; i++) y[i] = x[i] * x[i];
                Weights.CopyTo(y, 1);
                return y[0] + y[1] * y[2] * x[1];
            }

            [Differentiable]
            public static float Floats(float[] x)
            {
                var y = new float[3];
                y[2] = x[0];
                Array.Copy(x, 1, y, 0, 2);
                return y[0] * y[1] + y[2];
            }

            // Written parameters: their adjoints are in/out (docs/ref-out.md).
            [Differentiable]
            public static void Into(ReadOnlySpan<double> x, double[] y)
            {
                x.CopyTo(y);
                y[0] *= y[1];
            }

            [Differentiable]
            public static void IntoPart(double[] x, double[] y)
            {
                Array.Copy(x, 1, y, 0, 2);
                y[2] += y[0] * y[1];
            }

            [Differentiable]
            public static void IntoSpan(ReadOnlySpan<double> x, Span<double> y)
            {
                x.Slice(1).CopyTo(y);
                y[0] = y[0] * x[0];
            }

            [Differentiable]
            public static double Shift(double[] x, double[] w)
            {
                Array.Copy(w, 0, x, 1, 2);
                return x[0] * x[1] + x[2] * w[0];
            }

            // Bounds: the copy throws where the user's call throws, read afterwards or not.
            [Differentiable]
            public static double Unread(double[] x, int a)
            {
                var y = new double[2];
                Array.Copy(x, a, y, 0, 2);
                return x[0] * x[1];
            }

            [Differentiable]
            public static double TooShort(double[] x, int b)
            {
                var y = new double[4];
                x.AsSpan(1, 2).CopyTo(y.AsSpan(b));
                return y[0] + y[3] * x[0];
            }
        }
        """;

    /// <summary>Copies into arrays that stay diagnosed, each with what to write instead.</summary>
    public const string Diagnosed = """
        using System;
        using AutoDiffGen;

        public static partial class Bad
        {
            [Differentiable]
            public static double WithinOne(double[] x)
            {
                Array.Copy(x, 0, x, 1, 2);
                return x[0] * x[1];
            }

            [Differentiable]
            public static double Types(double[] x, float[] f)
            {
                var y = new double[2];
                Array.Copy(f, y, 2);
                return y[0] * x[0];
            }

            [Differentiable]
            public static double IntoNoDiff(double[] x, [NoDiff] double[] y)
            {
                Array.Copy(x, y, 2);
                return y[0] * y[1];
            }

            [Differentiable]
            public static double IntoRow(double[] x)
            {
                var m = new double[2][];
                m[0] = new double[2];
                Array.Copy(x, m[0], 2);
                return m[0][0] * x[1];
            }

            [Differentiable]
            public static double LongLength(double[] x)
            {
                var y = new double[2];
                Array.Copy(x, y, 2L);
                return y[0] * y[1];
            }

            [Differentiable(Hessian = true)]
            public static double Hessian(double[] x)
            {
                var y = new double[2];
                Array.Copy(x, y, 2);
                return y[0] * y[1];
            }
        }
        """;
}
