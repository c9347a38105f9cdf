namespace AutoDiffGen.Generator.Tests.Idioms14b;

/// <summary>
/// Issue 13, idioms14b: a forward goto out of nested ifs, property patterns on a System.Numerics vector, a plain helper
/// returning a value that writes its array argument, and foreach over Zip, checked by hand and by central differences
/// in <see cref="Idioms14bTests"/>.
/// </summary>
public static class Idioms14bExamples
{
    public const string Source = """
        using System;
        using System.Linq;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class Jumps
        {
            // Natural Idioms13.GotoCleanup word for word. x > 0.5, y > 1: r = xy + sin x; x > 0.5, y <= 1:
            // r = (xy + sin x) y - x/4; x <= 0.5: r = xy - x/4. f = r².
            [Differentiable(Forward = true, Hessian = true)]
            public static double GotoCleanup(double x, double y)
            {
                double r = x * y;
                if (x > 0.5)
                {
                    r += Math.Sin(x);
                    if (y > 1.0) goto done;
                    r *= y;
                }

                r -= 0.25 * x;
            done:
                return r * r;
            }

            // Three ifs deep, the label after another statement; and a goto from the else branch.
            [Differentiable(Forward = true)]
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
        }

        public static partial class Patterns
        {
            // Natural Idioms13.PatternVector word for word.
            [Differentiable(Forward = true)]
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

            // X > 0: f = b² X = y² · xy; else f = y.
            [Differentiable(Forward = true)]
            public static float Bind(float x, float y)
            {
                var v = new Vector2(x * y, y);
                if (v is { X: > 0f, Y: var b }) return b * b * v.X;
                return v.Y;
            }

            // The bound variable read in the ?: its own condition binds: X > 0: f = y³; else f = xy.
            [Differentiable(Forward = true)]
            public static float Ternary(float x, float y)
            {
                var v = new Vector2(x * y, y);
                return v is { X: > 0f, Y: var b } ? b * b * b : v.X;
            }

            // switch statement cases on members: x < 0: 3y; y > 2: xy; else x + y.
            [Differentiable(Forward = true)]
            public static float Cases(float x, float y)
            {
                var v = new Vector2(x, y);
                switch (v)
                {
                    case { X: < 0f }: return v.Y * 3f;
                    case { Y: > 2f, X: var a }: return a * v.Y;
                    default: return v.X + v.Y;
                }
            }
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
            [Differentiable(Forward = true)]
            public static double OnLocal(double[] w)
            {
                var v = new double[w.Length];
                for (int i = 0; i < w.Length; i++) v[i] = w[i] * w[i];
                double s = Normalize(v);
                return s * v[0] + v[1] * v[1];
            }

            // The parameter normalized in place, s = Σ w: f = s w0 / s + w1 / s = w0 + w1 / s.
            [Differentiable]
            public static double OnParameter(double[] w)
            {
                double s = Normalize(w);
                return s * w[0] + w[1];
            }

            // Called in a loop that also writes the array between the calls.
            [Differentiable]
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
        }

        public static partial class Zips
        {
            // Natural Idioms12.ZipTuple word for word: f = Σ_{i < min} a_i b_i².
            [Differentiable(Forward = true)]
            public static double ZipTuple(double[] xs, double[] ys) { double s = 0; foreach (var (a, b) in xs.Zip(ys)) s += a * b * b; return s; }

            // Three ways, declared types: f = Σ a b + c².
            [Differentiable]
            public static double Zip3(double[] xs, double[] ys, double[] zs) { double s = 0; foreach ((double a, double b, double c) in xs.Zip(ys, zs)) s += a * b + c * c; return s; }

            // A local array with a gradient (ys = w · i), a discard, and the arrays swapped.
            [Differentiable]
            public static double WithLocal(double[] xs, double w)
            {
                var ys = new double[xs.Length];
                for (int i = 0; i < ys.Length; i++) ys[i] = w * i;
                double s = 0;
                foreach (var (a, _) in xs.Zip(ys)) s += a * a;
                foreach (var (a, b) in ys.Zip(xs)) s += a * b;
                return s;
            }
        }
        """;
}
