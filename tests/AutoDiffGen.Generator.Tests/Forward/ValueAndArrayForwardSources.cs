namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// <c>Forward = true</c> methods that return a value and also write into an array, span or <c>double[,]</c> parameter,
/// themselves or through a <c>Forward = true</c> callee that does the same; and a caller passing such a callee a local
/// array. C# 7.3. <see cref="Wrappers"/> flattens each into inputs p and outputs (result, what the parameter is left
/// holding) for the tests.
/// </summary>
public static class ValueAndArrayForwardSources
{
    public const string Source = @"
using System;
using AutoDiffGen;

namespace ValueOut
{
    public static partial class M
    {
        // v ← v / |v|; returns |v|.
        [Differentiable(Forward = true)]
        public static double Normalize(double[] v)
        {
            double q = 0;
            for (int i = 0; i < v.Length; i++) q += v[i] * v[i];
            double n = Math.Sqrt(q);
            for (int i = 0; i < v.Length; i++) v[i] /= n;
            return n;
        }

        // Writes its own parameter through a callee and by itself: s ← s/|s|, s[0] += h·|s|; returns h·|s|².
        [Differentiable(Forward = true)]
        public static double Step(double[] s, double h)
        {
            double n = Normalize(s);
            s[0] += h * n;
            return h * n * n;
        }

        // y0 ← x0·y1, y1 ← sin x1 + y0; returns y0·y1 + x0.
        [Differentiable(Forward = true)]
        public static double Pull(ReadOnlySpan<double> x, Span<double> y)
        {
            y[0] = x[0] * y[1];
            y[1] = Math.Sin(x[1]) + y[0];
            return y[0] * y[1] + x[0];
        }

        // m00 ← a·m11, m01 += e^a; returns m00 + a·m01.
        [Differentiable(Forward = true)]
        public static double Grid(double a, double[,] m)
        {
            m[0, 0] = a * m[1, 1];
            m[0, 1] += Math.Exp(a);
            return m[0, 0] + a * m[0, 1];
        }

        // v = (x0, 2x1, x2) normalized by a callee that returns the norm: n·u0 + u2 = v0 + v2/n.
        [Differentiable(Forward = true)]
        public static double UseLocal(double[] x)
        {
            double[] v = { x[0], 2 * x[1], x[2] };
            double n = Normalize(v);
            return n * v[0] + v[2];
        }

        // v0 ← c·v0, v1 ← v1·v0; returns c·v1.
        [Differentiable(Forward = true)]
        public static float Scale(float[] v, float c)
        {
            v[0] *= c;
            v[1] = v[1] * v[0];
            return c * v[1];
        }
    }
}
";

    /// <summary>
    /// Per method N: <c>N_P(p, o)</c> puts (result, outputs…) in o; <c>N_F(p, t, o)</c> the tangent of each along t;
    /// <c>N_B(p, w, dP)</c> leaves Jᵀ·w in dP (the Backward with dResult = w0 and the in/out adjoint seeded with w1…).
    /// </summary>
    public const string Wrappers = @"
namespace ValueOut
{
    public static partial class M
    {
        private static double[] Part(double[] p, int from, int n) { double[] r = new double[n]; System.Array.Copy(p, from, r, 0, n); return r; }
        private static void Put(double[] o, double first, double[] rest) { o[0] = first; rest.CopyTo(o, 1); }
        private static double[,] G(double[] p, int from) { return new double[,] { { p[from], p[from + 1] }, { p[from + 2], p[from + 3] } }; }
        private static double[] Flat(double[,] m) { return new[] { m[0, 0], m[0, 1], m[1, 0], m[1, 1] }; }

        public static void Normalize_P(double[] p, double[] o) { double[] v = Part(p, 0, 3); Put(o, Normalize(v), v); }
        public static void Normalize_F(double[] p, double[] t, double[] o) { double[] v = Part(p, 0, 3), tv = Part(t, 0, 3); double tr; NormalizeForward(v, tv, out tr); Put(o, tr, tv); }
        public static void Normalize_B(double[] p, double[] w, double[] dP) { double[] v = Part(p, 0, 3), dv = Part(w, 1, 3); NormalizeBackward(v, dv, w[0]); dv.CopyTo(dP, 0); }

        public static void Step_P(double[] p, double[] o) { double[] s = Part(p, 0, 3); Put(o, Step(s, p[3]), s); }
        public static void Step_F(double[] p, double[] t, double[] o) { double[] s = Part(p, 0, 3), ts = Part(t, 0, 3); double tr; StepForward(s, p[3], ts, t[3], out tr); Put(o, tr, ts); }
        public static void Step_B(double[] p, double[] w, double[] dP) { double[] s = Part(p, 0, 3), ds = Part(w, 1, 3); double dh = 0; StepBackward(s, p[3], ds, ref dh, w[0]); ds.CopyTo(dP, 0); dP[3] = dh; }

        public static void Pull_P(double[] p, double[] o) { double[] x = Part(p, 0, 2), y = Part(p, 2, 2); Put(o, Pull(x, y), y); }
        public static void Pull_F(double[] p, double[] t, double[] o) { double[] x = Part(p, 0, 2), y = Part(p, 2, 2), ty = Part(t, 2, 2); double tr; PullForward(x, y, Part(t, 0, 2), ty, out tr); Put(o, tr, ty); }
        public static void Pull_B(double[] p, double[] w, double[] dP) { double[] x = Part(p, 0, 2), y = Part(p, 2, 2), dx = new double[2], dy = Part(w, 1, 2); PullBackward(x, y, dx, dy, w[0]); dx.CopyTo(dP, 0); dy.CopyTo(dP, 2); }

        public static void Grid_P(double[] p, double[] o) { double[,] m = G(p, 1); Put(o, Grid(p[0], m), Flat(m)); }
        public static void Grid_F(double[] p, double[] t, double[] o) { double[,] m = G(p, 1), tm = G(t, 1); double tr; GridForward(p[0], m, t[0], tm, out tr); Put(o, tr, Flat(tm)); }
        public static void Grid_B(double[] p, double[] w, double[] dP) { double[,] m = G(p, 1), dm = G(w, 1); double da = 0; GridBackward(p[0], m, ref da, dm, w[0]); dP[0] = da; Flat(dm).CopyTo(dP, 1); }

        public static void UseLocal_P(double[] p, double[] o) { o[0] = UseLocal(Part(p, 0, 3)); }
        public static void UseLocal_F(double[] p, double[] t, double[] o) { double tr; UseLocalForward(Part(p, 0, 3), Part(t, 0, 3), out tr); o[0] = tr; }
        public static void UseLocal_B(double[] p, double[] w, double[] dP) { double[] dx = new double[3]; UseLocalBackward(Part(p, 0, 3), dx, w[0]); dx.CopyTo(dP, 0); }

        private static float[] F(double[] p, int from) { return new[] { (float)p[from], (float)p[from + 1] }; }
        public static void Scale_P(double[] p, double[] o) { float[] v = F(p, 0); o[0] = Scale(v, (float)p[2]); o[1] = v[0]; o[2] = v[1]; }
        public static void Scale_F(double[] p, double[] t, double[] o) { float[] v = F(p, 0), tv = F(t, 0); float tr; ScaleForward(v, (float)p[2], tv, (float)t[2], out tr); o[0] = tr; o[1] = tv[0]; o[2] = tv[1]; }
        public static void Scale_B(double[] p, double[] w, double[] dP) { float[] v = F(p, 0), dv = F(w, 1); float dc = 0; ScaleBackward(v, (float)p[2], dv, ref dc, (float)w[0]); dP[0] = dv[0]; dP[1] = dv[1]; dP[2] = dc; }
    }
}
";
}
