namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Issue 14 (hess15): idioms14b's forms with <c>Hessian = true</c> — a forward goto out of nested ifs, property patterns
/// on a <c>Vector2</c>, a value-returning plain helper that writes its array argument, foreach over <c>Zip</c>. Each method
/// has wrappers over a flat <c>double[]</c> of its differentiable scalars: <c>…H</c> (MHessian), <c>…V</c> (MHessianVector)
/// and <c>…G</c> (MBackward's gradient), which <see cref="HessianIdiomsTests"/> checks by hand and against central differences.
/// </summary>
public static class HessianIdiomsSource
{
    public const string Source = """
        using System;
        using System.Linq;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class Jumps
        {
            // idioms14b's Deep: x > 0, y > 0, x > y: f = 2xy + x; x > 0, y > 0, x <= y: f = 2x²y + 2x²;
            // x > 0, y <= 0: f = 2xy − e^y; x <= 0: f = x² + xy.
            [Differentiable(Hessian = true)]
            public static double Deep(double x, double y)
            {
                double r = x;
                if (x > 0)
                {
                    r *= y;
                    if (y > 0)
                    {
                        r += x;
                        if (x > y) goto end;
                        r *= 2;
                    }
                    else
                    {
                        r -= Math.Exp(y);
                        goto end;
                    }
                    r -= y;
                }
                r = r * x;
            end:
                return r + y * x;
            }
            public static double DeepH(double[] p, double[] h) => DeepHessian(p[0], p[1], h);
            public static double DeepV(double[] p, double[] v, double[] hv) => DeepHessianVector(p[0], p[1], v, hv);
            public static void DeepG(double[] p, double[] g) { double a = 0, b = 0; DeepBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
        }

        public static partial class Patterns
        {
            // Natural Idioms13.PatternVector: X > 1, Y >= 0: |v|; X <= 1: xy; else x² + y².
            [Differentiable(Hessian = true)]
            public static float PatternVector(float x, float y)
            {
                var v = new Vector2(x, y);
                return v switch
                {
                    { X: > 1f, Y: not < 0f } => v.Length(),
                    { X: <= 1f } => v.X * v.Y,
                    _ => v.LengthSquared(),
                };
            }
            public static double PatternVectorH(double[] p, double[] h)
            {
                var f = new float[4];
                double value = PatternVectorHessian((float)p[0], (float)p[1], f);
                for (int i = 0; i < 4; i++) h[i] = f[i];
                return value;
            }
            public static double PatternVectorV(double[] p, double[] v, double[] hv)
            {
                var f = new float[2];
                double value = PatternVectorHessianVector((float)p[0], (float)p[1], new[] { (float)v[0], (float)v[1] }, f);
                hv[0] = f[0]; hv[1] = f[1];
                return value;
            }
            public static void PatternVectorG(double[] p, double[] g) { float a = 0, b = 0; PatternVectorBackward((float)p[0], (float)p[1], ref a, ref b); g[0] = a; g[1] = b; }

            // idioms14b's Bind: xy > 0: f = b²·X = y²·xy = xy³; else f = y.
            [Differentiable(Hessian = true)]
            public static float Bind(float x, float y)
            {
                var v = new Vector2(x * y, y);
                if (v is { X: > 0f, Y: var b }) return b * b * v.X;
                return v.Y;
            }
            public static double BindH(double[] p, double[] h)
            {
                var f = new float[4];
                double value = BindHessian((float)p[0], (float)p[1], f);
                for (int i = 0; i < 4; i++) h[i] = f[i];
                return value;
            }
            public static double BindV(double[] p, double[] v, double[] hv)
            {
                var f = new float[2];
                double value = BindHessianVector((float)p[0], (float)p[1], new[] { (float)v[0], (float)v[1] }, f);
                hv[0] = f[0]; hv[1] = f[1];
                return value;
            }
            public static void BindG(double[] p, double[] g) { float a = 0, b = 0; BindBackward((float)p[0], (float)p[1], ref a, ref b); g[0] = a; g[1] = b; }

            // A switch statement on members: x < 0: 3y·x²; y > 2: x·y²; else x²y.
            [Differentiable(Hessian = true)]
            public static double Cases(double x, double y)
            {
                var v = new Vector2((float)x, (float)y);
                switch (v)
                {
                    case { X: < 0f }: return 3 * y * x * x;
                    case { Y: > 2f }: return x * y * y;
                    default: return x * x * y;
                }
            }
            public static double CasesH(double[] p, double[] h) => CasesHessian(p[0], p[1], h);
            public static double CasesV(double[] p, double[] v, double[] hv) => CasesHessianVector(p[0], p[1], v, hv);
            public static void CasesG(double[] p, double[] g) { double a = 0, b = 0; CasesBackward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }
        }

        public static partial class Helpers
        {
            static double Normalize(double[] v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i];
                for (int i = 0; i < v.Length; i++) v[i] /= s;
                return s;
            }

            // v = w², s = Σ w², v /= s: f = s v0 + v1² = w0² + w1⁴ / s².
            [Differentiable(Hessian = true)]
            public static double OnLocal(double[] w)
            {
                var v = new double[w.Length];
                for (int i = 0; i < w.Length; i++) v[i] = w[i] * w[i];
                double s = Normalize(v);
                return s * v[0] + v[1] * v[1];
            }
            public static double OnLocalH(double[] p, double[] h) => OnLocalHessian((double[])p.Clone(), h);
            public static double OnLocalV(double[] p, double[] v, double[] hv) => OnLocalHessianVector((double[])p.Clone(), v, hv);
            public static void OnLocalG(double[] p, double[] g) { Array.Clear(g, 0, g.Length); OnLocalBackward((double[])p.Clone(), g); }

            // The parameter normalized in place, s = Σ w: f = s·w0/s + w1/s = w0 + w1/s.
            [Differentiable(Hessian = true)]
            public static double OnParameter(double[] w)
            {
                double s = Normalize(w);
                return s * w[0] + w[1];
            }
            public static double OnParameterH(double[] p, double[] h) => OnParameterHessian((double[])p.Clone(), h);
            public static double OnParameterV(double[] p, double[] v, double[] hv) => OnParameterHessianVector((double[])p.Clone(), v, hv);
            public static void OnParameterG(double[] p, double[] g) { Array.Clear(g, 0, g.Length); OnParameterBackward((double[])p.Clone(), g); }

            // Called in a loop that writes the array between the calls.
            [Differentiable(Hessian = true)]
            public static double InLoop(double[] w, double x)
            {
                var v = new double[w.Length];
                for (int i = 0; i < w.Length; i++) v[i] = Math.Exp(w[i]);
                double total = 0;
                for (int k = 0; k < 2; k++)
                {
                    total += Normalize(v) * v[k];
                    v[0] += x * x;
                }
                return total;
            }
            public static double InLoopH(double[] p, double[] h) => InLoopHessian(new[] { p[0], p[1], p[2] }, p[3], h);
            public static double InLoopV(double[] p, double[] v, double[] hv) => InLoopHessianVector(new[] { p[0], p[1], p[2] }, p[3], v, hv);
            public static void InLoopG(double[] p, double[] g)
            {
                var dw = new double[3];
                double dx = 0;
                InLoopBackward(new[] { p[0], p[1], p[2] }, p[3], dw, ref dx);
                g[0] = dw[0]; g[1] = dw[1]; g[2] = dw[2]; g[3] = dx;
            }
        }

        public static partial class Zips
        {
            // Natural Idioms12.ZipTuple: f = Σ_{i < min} a_i b_i² (xs of 3, ys of 2 here: xs[2] is unread).
            [Differentiable(Hessian = true)]
            public static double ZipTuple(double[] xs, double[] ys) { double s = 0; foreach (var (a, b) in xs.Zip(ys)) s += a * b * b; return s; }
            public static double ZipTupleH(double[] p, double[] h) => ZipTupleHessian(new[] { p[0], p[1], p[2] }, new[] { p[3], p[4] }, h);
            public static double ZipTupleV(double[] p, double[] v, double[] hv) => ZipTupleHessianVector(new[] { p[0], p[1], p[2] }, new[] { p[3], p[4] }, v, hv);
            public static void ZipTupleG(double[] p, double[] g)
            {
                var dx = new double[3];
                var dy = new double[2];
                ZipTupleBackward(new[] { p[0], p[1], p[2] }, new[] { p[3], p[4] }, dx, dy);
                g[0] = dx[0]; g[1] = dx[1]; g[2] = dx[2]; g[3] = dy[0]; g[4] = dy[1];
            }

            // Three ways, declared types: f = Σ a b + c² (two of each).
            [Differentiable(Hessian = true)]
            public static double Zip3(double[] xs, double[] ys, double[] zs) { double s = 0; foreach ((double a, double b, double c) in xs.Zip(ys, zs)) s += a * b + c * c; return s; }
            public static double Zip3H(double[] p, double[] h) => Zip3Hessian(new[] { p[0], p[1] }, new[] { p[2], p[3] }, new[] { p[4], p[5] }, h);
            public static double Zip3V(double[] p, double[] v, double[] hv) => Zip3HessianVector(new[] { p[0], p[1] }, new[] { p[2], p[3] }, new[] { p[4], p[5] }, v, hv);
            public static void Zip3G(double[] p, double[] g)
            {
                var a = new double[2];
                var b = new double[2];
                var c = new double[2];
                Zip3Backward(new[] { p[0], p[1] }, new[] { p[2], p[3] }, new[] { p[4], p[5] }, a, b, c);
                g[0] = a[0]; g[1] = a[1]; g[2] = b[0]; g[3] = b[1]; g[4] = c[0]; g[5] = c[1];
            }

            // A local array with a gradient (ys = w·i), a discard, the arrays swapped: f = Σ x_i² + w Σ i x_i.
            [Differentiable(Hessian = true)]
            public static double WithLocal(double[] xs, double w)
            {
                var ys = new double[xs.Length];
                for (int i = 0; i < ys.Length; i++) ys[i] = w * i;
                double s = 0;
                foreach (var (a, _) in xs.Zip(ys)) s += a * a;
                foreach (var (a, b) in ys.Zip(xs)) s += a * b;
                return s;
            }
            public static double WithLocalH(double[] p, double[] h) => WithLocalHessian(new[] { p[0], p[1], p[2] }, p[3], h);
            public static double WithLocalV(double[] p, double[] v, double[] hv) => WithLocalHessianVector(new[] { p[0], p[1], p[2] }, p[3], v, hv);
            public static void WithLocalG(double[] p, double[] g)
            {
                var dx = new double[3];
                double dw = 0;
                WithLocalBackward(new[] { p[0], p[1], p[2] }, p[3], dx, ref dw);
                g[0] = dx[0]; g[1] = dx[1]; g[2] = dx[2]; g[3] = dw;
            }
        }
        """;
}
