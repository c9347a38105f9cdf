namespace AutoDiffGen.Generator.Tests.ForwardCalls;

/// <summary>
/// Void methods with <c>Forward = true, Jacobian = true</c> whose MJacobian takes columns (forward mode) when the
/// outputs at the call outnumber the inputs and rows (reverse mode) otherwise: scalar inputs, an array input, a float
/// method, two outputs, and a method whose output is written by a callee (forward mode through it). C# 7.3 source.
/// Flat wrappers for <see cref="SpanOutputs.OutputChecks"/>: _P, _B, _F, _J over one parameter vector p and one output y.
/// </summary>
internal static class JacobianColumnsSources
{
    public const string Source = @"
using System;
using AutoDiffGen;

namespace SpanOut
{
    public static partial class S
    {
        // Reads the output's incoming contents (held constant by the Jacobian).
        [Differentiable(Forward = true, Jacobian = true)]
        public static void Poly(double a, double b, Span<double> y)
        {
            for (int i = 0; i < y.Length; i++) y[i] = a * Math.Sin(b * i) + y[i] * b;
        }

        [Differentiable(Forward = true, Jacobian = true)]
        public static void Curve(ReadOnlySpan<double> c, double t, double[] y)
        {
            for (int i = 0; i < y.Length; i++)
            {
                double s = 0, p = 1;
                for (int k = 0; k < c.Length; k++) { s += c[k] * p; p *= t * (i + 1) * 0.25; }
                y[i] = s;
            }
            if (t > 0) y[0] *= t; else y[0] += Math.Exp(t);
        }

        [Differentiable(Forward = true, Jacobian = true)]
        public static void Ramp(float s, float[] y)
        {
            for (int i = 0; i < y.Length; i++) y[i] = MathF.Tanh(s * (i + 1)) + y[i] * 0.5f;
        }

        [Differentiable(Forward = true, Jacobian = true)]
        public static void Two(double a, double[] u, Span<double> v)
        {
            for (int i = 0; i < u.Length; i++) u[i] = Math.Cos(a * (i + 1));
            for (int i = 0; i < v.Length; i++) v[i] = a * a * (i + 1) + u[0];
        }

        [Differentiable(Forward = true)]
        public static void Decay(double[] p, double[] r)
        {
            for (int i = 0; i < r.Length; i++) r[i] = p[0] * Math.Exp(-p[1] * i) - 1;
        }

        [Differentiable(Forward = true, Jacobian = true)]
        public static void ViaCallee(double a, double b, double[] r)
        {
            double[] p = { a, b };
            Decay(p, r);
        }

        public static void Poly_P(double[] p, double[] y) => Poly(p[0], p[1], y);
        public static void Poly_B(double[] p, double[] y, double[] dP, double[] dY) => PolyBackward(p[0], p[1], y, ref dP[0], ref dP[1], dY);
        public static void Poly_F(double[] p, double[] y, double[] tP, double[] tY) => PolyForward(p[0], p[1], y, tP[0], tP[1], tY);
        public static void Poly_J(double[] p, double[] y, double[] j) => PolyJacobian(p[0], p[1], y, j);

        public static void Curve_P(double[] p, double[] y) => Curve(p.AsSpan(0, p.Length - 1), p[p.Length - 1], y);
        public static void Curve_B(double[] p, double[] y, double[] dP, double[] dY) { double dt = 0; CurveBackward(p.AsSpan(0, p.Length - 1), p[p.Length - 1], y, dP.AsSpan(0, p.Length - 1), ref dt, dY); dP[p.Length - 1] = dt; }
        public static void Curve_F(double[] p, double[] y, double[] tP, double[] tY) => CurveForward(p.AsSpan(0, p.Length - 1), p[p.Length - 1], y, tP.AsSpan(0, p.Length - 1), tP[p.Length - 1], tY);
        public static void Curve_J(double[] p, double[] y, double[] j) => CurveJacobian(p.AsSpan(0, p.Length - 1), p[p.Length - 1], y, j);

        static float[] F(double[] v) { float[] f = new float[v.Length]; for (int i = 0; i < v.Length; i++) f[i] = (float)v[i]; return f; }
        static void Back(float[] f, double[] v) { for (int i = 0; i < v.Length; i++) v[i] = f[i]; }
        public static void Ramp_P(double[] p, double[] y) { float[] fy = F(y); Ramp((float)p[0], fy); Back(fy, y); }
        public static void Ramp_B(double[] p, double[] y, double[] dP, double[] dY) { float[] fy = F(y), fd = F(dY); float ds = 0; RampBackward((float)p[0], fy, ref ds, fd); dP[0] = ds; Back(fy, y); Back(fd, dY); }
        public static void Ramp_F(double[] p, double[] y, double[] tP, double[] tY) { float[] fy = F(y), ft = F(tY); RampForward((float)p[0], fy, (float)tP[0], ft); Back(fy, y); Back(ft, tY); }
        public static void Ramp_J(double[] p, double[] y, double[] j) { float[] fy = F(y), fj = new float[j.Length]; RampJacobian((float)p[0], fy, fj); Back(fy, y); Back(fj, j); }

        // y = (u, v): u the first two elements.
        public static void Two_P(double[] p, double[] y) { double[] u = { y[0], y[1] }; double[] v = new double[y.Length - 2]; Array.Copy(y, 2, v, 0, v.Length); Two(p[0], u, v); u.CopyTo(y, 0); v.CopyTo(y, 2); }
        public static void Two_B(double[] p, double[] y, double[] dP, double[] dY)
        {
            double[] u = { y[0], y[1] }, du = { dY[0], dY[1] };
            double[] v = new double[y.Length - 2], dv = new double[y.Length - 2];
            Array.Copy(y, 2, v, 0, v.Length); Array.Copy(dY, 2, dv, 0, dv.Length);
            TwoBackward(p[0], u, v, ref dP[0], du, dv);
            u.CopyTo(y, 0); v.CopyTo(y, 2); du.CopyTo(dY, 0); dv.CopyTo(dY, 2);
        }
        public static void Two_F(double[] p, double[] y, double[] tP, double[] tY)
        {
            double[] u = { y[0], y[1] }, tu = { tY[0], tY[1] };
            double[] v = new double[y.Length - 2], tv = new double[y.Length - 2];
            Array.Copy(y, 2, v, 0, v.Length); Array.Copy(tY, 2, tv, 0, tv.Length);
            TwoForward(p[0], u, v, tP[0], tu, tv);
            u.CopyTo(y, 0); v.CopyTo(y, 2); tu.CopyTo(tY, 0); tv.CopyTo(tY, 2);
        }
        public static void Two_J(double[] p, double[] y, double[] j) { double[] u = { y[0], y[1] }; double[] v = new double[y.Length - 2]; Array.Copy(y, 2, v, 0, v.Length); TwoJacobian(p[0], u, v, j); u.CopyTo(y, 0); v.CopyTo(y, 2); }

        public static void ViaCallee_P(double[] p, double[] y) => ViaCallee(p[0], p[1], y);
        public static void ViaCallee_B(double[] p, double[] y, double[] dP, double[] dY) => ViaCalleeBackward(p[0], p[1], y, ref dP[0], ref dP[1], dY);
        public static void ViaCallee_F(double[] p, double[] y, double[] tP, double[] tY) => ViaCalleeForward(p[0], p[1], y, tP[0], tP[1], tY);
        public static void ViaCallee_J(double[] p, double[] y, double[] j) => ViaCalleeJacobian(p[0], p[1], y, j);
    }
}";
}
