namespace AutoDiffGen.Generator.Tests.ForwardCalls;

/// <summary>
/// Forward-mode callers of [Differentiable(Forward = true)] callees that write into the arrays and spans they are passed
/// (issue 14 item 1), as people write them: a difference into a buffer, a normalization in place, residuals into an
/// array, an accumulation into a span, a float helper, two outputs at once; called once, in a loop, in a branch, from a
/// void caller that writes its own output through them, and two levels down. C# 7.3 source (the language-version test
/// compiles it). Each caller has flat wrappers over one parameter vector p for the checks: _P (value), _B (Backward
/// into dP), _F (Forward along tP); a void caller's take its output y (and dY/tY) as <see cref="SpanOutputs.OutputChecks"/> does.
/// </summary>
internal static class ForwardCallSources
{
    public const string Callees = @"
using System;
using AutoDiffGen;

namespace SpanOut
{
    public static partial class S
    {
        [Differentiable(Forward = true)]
        public static void Subtract(double[] a, double[] b, double[] result)
        {
            for (int i = 0; i < a.Length; i++) result[i] = a[i] - b[i];
        }

        // In place, and smooth everywhere (no zero vector to divide by).
        [Differentiable(Forward = true)]
        public static void Shrink(double[] v)
        {
            double n = 1;
            for (int i = 0; i < v.Length; i++) n += v[i] * v[i];
            n = Math.Sqrt(n);
            for (int i = 0; i < v.Length; i++) v[i] /= n;
        }

        [Differentiable(Forward = true)]
        public static void Residuals(double[] p, double[] r)
        {
            for (int i = 0; i < r.Length; i++) r[i] = p[0] * Math.Exp(-p[1] * i) - 1;
        }

        // Reads what it writes: y += a x (the tangent of y is in/out).
        [Differentiable(Forward = true)]
        public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
        {
            for (int i = 0; i < y.Length; i++) y[i] += a * x[i];
        }

        [Differentiable(Forward = true)]
        public static void ScaleF(float s, float[] v)
        {
            for (int i = 0; i < v.Length; i++) v[i] = v[i] * s + MathF.Sin(v[i]);
        }

        // Two outputs, one also read.
        [Differentiable(Forward = true)]
        public static void Rotate(double theta, double[] u, double[] w)
        {
            double c = Math.Cos(theta), s = Math.Sin(theta);
            double u0 = u[0];
            u[0] = c * u0 - s * u[1];
            u[1] = s * u0 + c * u[1];
            w[0] = u[0] * theta;
            w[1] = u[1] + w[1];
        }
    }
}";

    public const string Callers = @"
using System;
using AutoDiffGen;

namespace SpanOut
{
    public static partial class S
    {
        [Differentiable(Forward = true)]
        public static double Dist(double[] a, double[] b)
        {
            double[] t = new double[a.Length];
            Subtract(a, b, t);
            Shrink(t);
            return t[0] * t[1] + t[2];
        }

        [Differentiable(Forward = true)]
        public static double Fit(double x, double y)
        {
            double[] p = { x, y };
            double[] r = new double[4];
            Residuals(p, r);
            double s = 0;
            for (int i = 0; i < r.Length; i++) s += r[i] * r[i];
            return s;
        }

        [Differentiable(Forward = true)]
        public static double Looped(double[] x, double s)
        {
            double[] acc = { 0.5, -0.25, s };
            for (int k = 0; k < 3; k++)
            {
                Axpy(s * (k + 1), x, acc);
                if (acc[0] > 0) Shrink(acc);
            }
            return acc[0] + acc[1] * acc[2];
        }

        [Differentiable(Forward = true)]
        public static float Single(float[] v, float s)
        {
            float[] w = new float[v.Length];
            for (int i = 0; i < v.Length; i++) w[i] = v[i];
            ScaleF(s, w);
            return w[0] * w[1];
        }

        [Differentiable(Forward = true)]
        public static double Turn(double x, double y, double theta)
        {
            double[] u = { x, y };
            double[] w = { y, 1 };
            Rotate(theta, u, w);
            if (theta > 0.5) Rotate(theta * x, w, u);
            else
            {
                double[] d = new double[2];
                Subtract(u, w, d);
                u[0] = d[1] * d[0];
            }
            return u[0] * w[1] + u[1];
        }

        [Differentiable(Forward = true)]
        public static void Chain(double[] p, double[] r)
        {
            Residuals(p, r);
            Shrink(r);
        }

        [Differentiable(Forward = true)]
        public static void Accumulate(ReadOnlySpan<double> x, double s, double[] y)
        {
            Axpy(s, x, y);
            Axpy(s * s, x, y);
        }

        // Reads a slice of its own output array and of its input (ADBench's RelativesToAbsolutes): the tangents of
        // array parameters are spans, sliced with Slice (was MemoryExtensions.AsSpan of a span: CS1503).
        [Differentiable(Forward = true)]
        public static void Blocks(double[] p, double[] y)
        {
            for (int e = 0; e < 2; e++) y[e] = p[e] * p[2];
            double[] b = { p[1], p[0] };
            Axpy(p[2], y.AsSpan(0, 2), b);
            Axpy(y[1], p.AsSpan(1, 2), b);
            for (int e = 0; e < 2; e++) y[2 + e] = b[e] * y[e];
        }

        [Differentiable(Forward = true)]
        public static double Outer(double x, double y)
        {
            double[] p = { x, y };
            double[] r = new double[3];
            Chain(p, r);
            return r[0] * r[1] - r[2];
        }
    }
}";

    public const string Wrappers = @"
using System;

namespace SpanOut
{
    public static partial class S
    {
        public static double Dist_P(double[] p) => Dist(new[] { p[0], p[1], p[2] }, new[] { p[3], p[4], p[5] });
        public static double Dist_B(double[] p, double[] dP)
        {
            double[] da = new double[3], db = new double[3];
            double v = DistBackward(new[] { p[0], p[1], p[2] }, new[] { p[3], p[4], p[5] }, da, db);
            da.CopyTo(dP, 0); db.CopyTo(dP, 3);
            return v;
        }
        public static double Dist_F(double[] p, double[] t, out double tr) => DistForward(new[] { p[0], p[1], p[2] }, new[] { p[3], p[4], p[5] }, new[] { t[0], t[1], t[2] }, new[] { t[3], t[4], t[5] }, out tr);

        public static double Fit_P(double[] p) => Fit(p[0], p[1]);
        public static double Fit_B(double[] p, double[] dP) { double dx = 0, dy = 0; double v = FitBackward(p[0], p[1], ref dx, ref dy); dP[0] = dx; dP[1] = dy; return v; }
        public static double Fit_F(double[] p, double[] t, out double tr) => FitForward(p[0], p[1], t[0], t[1], out tr);

        public static double Looped_P(double[] p) => Looped(new[] { p[0], p[1], p[2] }, p[3]);
        public static double Looped_B(double[] p, double[] dP) { double[] dx = new double[3]; double ds = 0; double v = LoopedBackward(new[] { p[0], p[1], p[2] }, p[3], dx, ref ds); dx.CopyTo(dP, 0); dP[3] = ds; return v; }
        public static double Looped_F(double[] p, double[] t, out double tr) => LoopedForward(new[] { p[0], p[1], p[2] }, p[3], new[] { t[0], t[1], t[2] }, t[3], out tr);

        public static double Single_P(double[] p) => Single(new[] { (float)p[0], (float)p[1] }, (float)p[2]);
        public static double Single_B(double[] p, double[] dP) { float[] dv = new float[2]; float ds = 0; float v = SingleBackward(new[] { (float)p[0], (float)p[1] }, (float)p[2], dv, ref ds); dP[0] = dv[0]; dP[1] = dv[1]; dP[2] = ds; return v; }
        public static double Single_F(double[] p, double[] t, out double tr) { float f; float v = SingleForward(new[] { (float)p[0], (float)p[1] }, (float)p[2], new[] { (float)t[0], (float)t[1] }, (float)t[2], out f); tr = f; return v; }

        public static double Turn_P(double[] p) => Turn(p[0], p[1], p[2]);
        public static double Turn_B(double[] p, double[] dP) { double a = 0, b = 0, c = 0; double v = TurnBackward(p[0], p[1], p[2], ref a, ref b, ref c); dP[0] = a; dP[1] = b; dP[2] = c; return v; }
        public static double Turn_F(double[] p, double[] t, out double tr) => TurnForward(p[0], p[1], p[2], t[0], t[1], t[2], out tr);

        public static double Outer_P(double[] p) => Outer(p[0], p[1]);
        public static double Outer_B(double[] p, double[] dP) { double a = 0, b = 0; double v = OuterBackward(p[0], p[1], ref a, ref b); dP[0] = a; dP[1] = b; return v; }
        public static double Outer_F(double[] p, double[] t, out double tr) => OuterForward(p[0], p[1], t[0], t[1], out tr);

        public static void Chain_P(double[] p, double[] y) => Chain(p, y);
        public static void Chain_B(double[] p, double[] y, double[] dP, double[] dY) => ChainBackward(p, y, dP, dY);
        public static void Chain_F(double[] p, double[] y, double[] tP, double[] tY) => ChainForward(p, y, tP, tY);

        public static void Blocks_P(double[] p, double[] y) => Blocks(p, y);
        public static void Blocks_B(double[] p, double[] y, double[] dP, double[] dY) => BlocksBackward(p, y, dP, dY);
        public static void Blocks_F(double[] p, double[] y, double[] tP, double[] tY) => BlocksForward(p, y, tP, tY);

        public static void Accumulate_P(double[] p, double[] y) => Accumulate(p.AsSpan(0, 3), p[3], y);
        public static void Accumulate_B(double[] p, double[] y, double[] dP, double[] dY) { double ds = 0; AccumulateBackward(p.AsSpan(0, 3), p[3], y, dP.AsSpan(0, 3), ref ds, dY); dP[3] = ds; }
        public static void Accumulate_F(double[] p, double[] y, double[] tP, double[] tY) => AccumulateForward(p.AsSpan(0, 3), p[3], y, tP.AsSpan(0, 3), tP[3], tY);
    }
}";
}
