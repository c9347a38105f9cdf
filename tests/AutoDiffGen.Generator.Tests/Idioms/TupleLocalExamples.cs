namespace AutoDiffGen.Generator.Tests.Idioms;

/// <summary>Tuples of reals kept in locals (<see cref="TupleLocalTests"/>): from a [Differentiable] call, from literals, named elements.</summary>
public static class TupleLocalExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Tuples
        {
            [Differentiable(Forward = true)]
            public static (double, double) Polar(double r, double t) => (r * Math.Cos(t), r * Math.Sin(t));

            [Differentiable(Forward = true)]
            public static (double x, double y) Named(double r, double t) => (r * t, r + t);

            // r² cos t sin t.
            [Differentiable(Forward = true)]
            public static double KeptCall(double r, double t)
            {
                var p = Polar(r, t);
                return p.Item1 * p.Item2;
            }

            // p = (rt, r + t); q = p then q.x += p.y: rt·(rt + r + t) + (r + t).
            [Differentiable(Forward = true)]
            public static double NamedCopy(double r, double t)
            {
                var p = Named(r, t);
                var q = p;
                q.x += p.y;
                return p.x * q.x + q.y;
            }

            // (a, b) ← (b, a + 2b) three times from (x, xy), then a + b·x.
            [Differentiable(Forward = true)]
            public static double LiteralInLoop(double x, double y)
            {
                (double a, double b) t = (x, y * x);
                (double, double) u = (2, x);
                for (int i = 0; i < 3; i++) t = (t.b, t.a + t.b * u.Item1);
                return t.a + t.Item2 * u.Item2;
            }

            // A tuple local returned, changed on one branch: (xy, x) or (xy, y).
            [Differentiable(Forward = true)]
            public static (double, double) Returned(double x, double y)
            {
                var t = (x * y, x);
                if (x > 0) t.Item2 = y;
                return t;
            }

            // Element types widened: x·y + x⁴ (the float part in float).
            [Differentiable]
            public static double Widened(float x, double y)
            {
                (double a, double b) t = (x, y);
                (float, float) f = (x, x * x);
                return t.a * t.b + f.Item2 * f.Item2;
            }

            // Deconstructing a tuple local: r cos t · (r sin t)².
            [Differentiable(Forward = true)]
            public static double Deconstructed(double r, double t)
            {
                var p = Polar(r, t);
                var (c, s) = p;
                (double _, double s2) = p;
                return c * s * s2;
            }
        }
        """;
}
