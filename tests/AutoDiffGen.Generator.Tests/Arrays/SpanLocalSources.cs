namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>The programs of <see cref="SpanLocalTests"/>: span locals that view arrays carrying a gradient.</summary>
internal static class SpanLocalSources
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Sv
        {
            // ---- pointer walking: s = s.Slice(1) in a loop ----
            [Differentiable(Forward = true)]
            public static double Walk(double[] x, int n)
            {
                double sum = 0;
                ReadOnlySpan<double> p = x;
                for (int i = 0; i < n; ++i)
                {
                    sum += p[0] * p[0] * (i + 1);
                    p = p.Slice(1);
                }
                return sum + p.Length;
            }

            // ---- slices declared in a loop body, read with a moving index ----
            [Differentiable]
            public static double Windows(double[] x)
            {
                double sum = 0;
                for (int i = 0; i + 2 <= x.Length; i++)
                {
                    var t = x.AsSpan(i, 2);
                    sum += t[0] * t[1];
                }
                return sum;
            }

            // ---- a range of a span, a slice of a slice, s[^1] ----
            [Differentiable(Forward = true)]
            public static double Ranges(double[] x)
            {
                ReadOnlySpan<double> s = x;
                var t = s[1..];
                var u = t.Slice(1, 2);
                return t[0] * u[1] + s[^1] * u[0] + u[^1];
            }

            // ---- a view taken while the array holds only zeros, then the array stored into (wrong on main: 0, dX 0) ----
            [Differentiable]
            public static double ViewBeforeStore(double x)
            {
                var a = new double[3];
                ReadOnlySpan<double> s = a;
                a[0] = x * x;
                return s[0];
            }

            // ---- stores through a Span<double> view of a local array ----
            [Differentiable(Forward = true)]
            public static double StoreLocal(double x, double y)
            {
                var a = new double[4];
                a[0] = x;
                Span<double> v = a.AsSpan(1, 3);
                v[0] = x * y;
                v[1] += a[1] * y;
                v[2] = v[0] + v[1];
                return a[0] * a[3] + a[2];
            }

            // ---- stores through a view of an array parameter (in/out adjoint) ----
            [Differentiable]
            public static double StoreParameter(double[] x, double k)
            {
                Span<double> v = x.AsSpan(1);
                for (int i = 0; i < v.Length; i++) v[i] *= k * x[i];
                return x[0] * x[1] + x[2] * x[x.Length - 1];
            }

            // (its adjoint is in/out: checked through a caller that passes a copy, whose adjoint only adds)
            [Differentiable]
            public static double StoreParameterCaller(double[] x, double k)
            {
                var t = new double[] { x[0], x[1], x[2], x[3] };
                return StoreParameter(t, k);
            }

            // ---- a view passed to a callee, then stored into (the callee must be given the values it read) ----
            [Differentiable(Forward = true)]
            public static double SumSquares(ReadOnlySpan<double> s)
            {
                double r = 0;
                for (int i = 0; i < s.Length; i++) r += s[i] * s[i];
                return r;
            }

            [Differentiable(Forward = true)]
            public static double CalleeThenStore(double x, double y)
            {
                var a = new double[] { x, y, x * y };
                Span<double> v = a.AsSpan(1);
                double first = SumSquares(v);
                v[0] = first * x;
                return SumSquares(v) + first;
            }

            [Differentiable]
            public static double CalleeSlice(double[] w, double x)
            {
                ReadOnlySpan<double> s = w;
                s = s.Slice(1);
                return SumSquares(s[..2]) * x + SumSquares(s);
            }

            // ---- reassigned on branches: one array, or two arrays (a tag) ----
            [Differentiable]
            public static double Branch(double[] x, bool c)
            {
                ReadOnlySpan<double> s = x;
                if (c) s = x.AsSpan(2);
                else s = s[1..];
                return s[0] * s[1];
            }

            [Differentiable(Forward = true)]
            public static double TwoArrays(double[] a, double[] b, double c)
            {
                ReadOnlySpan<double> s = a;
                if (c > 0) s = b.AsSpan(1);
                double r = s[0] * c;
                ReadOnlySpan<double> t = c > 0.5 ? a : s;
                return r + t[1] * s[0];
            }

            [Differentiable]
            public static double SwitchInLoop(double[] p, double[] q)
            {
                double[] buf = { p[0] * 2 };
                ReadOnlySpan<double> s = buf;
                double r = q[0] * p[0];
                for (int i = 0; i < 3; ++i)
                {
                    r += s[0] * p[0];
                    s = i % 2 == 0 ? q : p;
                }
                return r;
            }

            // ---- a span parameter viewed by a span local ----
            [Differentiable]
            public static double OverSpan(ReadOnlySpan<double> x, double k)
            {
                var s = x.Slice(1);
                double r = 0;
                for (int i = 0; i < s.Length; i++) if (s[i] > 0) r += s[i] * k;
                return r;
            }

            [Differentiable]
            public static double OverSpanCaller(double[] x, double k) => OverSpan(x, k);

            // ---- a view of an output the method writes (its adjoint is in/out: checked through a caller) ----
            [Differentiable]
            public static void Outputs(ReadOnlySpan<double> x, Span<double> y)
            {
                y[0] = x[0];
                ReadOnlySpan<double> z = y;
                y[1] = z[0] * x[1];
                Span<double> u = y.Slice(1);
                u[1] = u[0] * x[0] + z[0];
            }

            [Differentiable]
            public static void ArrayOutputs(double[] x, double[] y)
            {
                y[0] = x[0];
                ReadOnlySpan<double> z = y;
                y[1] = z[0] * x[1];
                foreach (var e in z) y[2] += e * x[2];
            }

            [Differentiable]
            public static double OutputsCaller(double[] x)
            {
                var y = new double[3];
                Outputs(x, y);
                var t = new double[3];
                ArrayOutputs(x, t);
                return y[0] * y[1] + y[2] + t[1] * t[2];
            }

            // ---- foreach over a view ----
            [Differentiable(Forward = true)]
            public static double Each(double[] x)
            {
                ReadOnlySpan<double> s = x.AsSpan(1, 3);
                double t = 0;
                foreach (var v in s) t += v * v;
                return t;
            }

            // ---- Hessian ----
            [Differentiable(Hessian = true)]
            public static double Pairs(double[] x)
            {
                ReadOnlySpan<double> p = x;
                double s = 0;
                for (int i = 0; i < 2; i++) { s += p[0] * p[1]; p = p.Slice(1); }
                return s;
            }

            // ---- float ----
            [Differentiable]
            public static float Floats(float[] x)
            {
                ReadOnlySpan<float> s = x.AsSpan(1);
                return s[0] * s[1] + s.Length;
            }
        }
        """;
}
