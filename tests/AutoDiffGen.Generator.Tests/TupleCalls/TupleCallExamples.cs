namespace AutoDiffGen.Generator.Tests.TupleCalls;

/// <summary>[Differentiable] methods returning tuples of reals, called from other [Differentiable] methods: deconstructed or read by element.</summary>
internal static class TupleCallExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        namespace Tuples
        {
            public static partial class Geometry
            {
                [Differentiable(Forward = true)]
                public static (double, double) Polar(double r, double t) => (r * Math.Cos(t), r * Math.Sin(t));

                [Differentiable]
                public static (double Re, double Im) Mul(double a, double b, double c, double d) => (a * c - b * d, a * d + b * c);

                /// |polar(r, t)| = |r|: ∂/∂r = sign r, ∂/∂t = 0.
                [Differentiable]
                public static double Radius(double r, double t)
                {
                    var (x, y) = Polar(r, t);
                    return Math.Sqrt(x * x + y * y);
                }

                [Differentiable(Forward = true)]
                public static double Mixed(double r, double t)
                {
                    var (x, y) = Polar(r, t);
                    return x * x + 3 * y;
                }

                /// Elements read directly, a named element, a constant argument.
                [Differentiable]
                public static double Elements(double r, double t) => Polar(r, t).Item2 + Mul(r, t, 1, 2).Im;

                /// Deconstruction into existing locals inside a loop, and a discard.
                [Differentiable]
                public static double Loop(double[] rs, double t)
                {
                    double s = 0, x, y;
                    for (int i = 0; i < rs.Length; i++)
                    {
                        (x, y) = Polar(rs[i], t);
                        var (re, _) = Mul(x, y, x, -y);
                        s += re;
                    }
                    return s;
                }

                /// A vector-valued method composed of tuple helpers: polar, rotated by a, back as a tuple.
                [Differentiable]
                public static (double, double) Rotated(double r, double t, double a)
                {
                    var (x, y) = Polar(r, t);
                    var (c, s) = Polar(1, a);
                    return Mul(x, y, c, s);
                }
            }
        }
        """;
}
