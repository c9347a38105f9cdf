namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>Vector-valued [Differentiable] methods (they return a struct or tuple of reals), as practitioners write them.</summary>
internal static class VectorExamples
{
    public const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace Vectors
        {
            public record struct Point2(double X, double Y);

            public struct Body
            {
                public double Mass;
                public Point2 At;
            }

            public static partial class Kinematics
            {
                /// <summary>A 2-link arm's end effector (links 1.5 and 0.8), in float as System.Numerics has it.</summary>
                [Differentiable(Forward = true, Jacobian = true)]
                public static Vector2 Forward(double a, double b) =>
                    new Vector2((float)(1.5 * Math.Cos(a) + 0.8 * Math.Cos(a + b)), (float)(1.5 * Math.Sin(a) + 0.8 * Math.Sin(a + b)));

                /// <summary>The same arm in double, through a record struct: the Jacobian is checked by hand to 1e-12.</summary>
                [Differentiable(Forward = true, Jacobian = true)]
                public static Point2 Position(double a, double b)
                {
                    var elbow = new Point2(1.5 * Math.Cos(a), 1.5 * Math.Sin(a));
                    return elbow with { X = elbow.X + 0.8 * Math.Cos(a + b), Y = elbow.Y + 0.8 * Math.Sin(a + b) };
                }

                /// <summary>A tuple of reals.</summary>
                [Differentiable(Forward = true)]
                public static (double, double) Polar(double r, double theta) => (r * Math.Cos(theta), r * Math.Sin(theta));

                /// <summary>A named tuple with a float member and a constant one.</summary>
                [Differentiable(Forward = true)]
                public static (double Sum, float Scaled, double Zero) Mixed(double x, float k) => (x * x + k, k * (float)x, 0);

                /// <summary>One explicit Euler step with drag: struct parameters in, a struct out.</summary>
                [Differentiable(Forward = true, Jacobian = true)]
                public static Vector3 Step(Vector3 p, Vector3 v, double dt) => p + (float)dt * v * (1 - 0.1f * v.Length());

                /// <summary>Early returns and a loop that carries the result; a member returned as it came in.</summary>
                [Differentiable(Forward = true)]
                public static Point2 Iterate(Point2 p, double k, int n)
                {
                    if (n < 0) return new Point2(p.X, -p.Y);
                    var q = p;
                    for (int i = 0; i < n; i++)
                    {
                        q = new Point2(q.X * Math.Cos(k) - q.Y * Math.Sin(k), q.X * Math.Sin(k) + q.Y * Math.Cos(k));
                        if (q.X * q.X > 100) return q;
                    }
                    return k > 0 ? q : new Point2(q.Y, q.X * k);
                }

                /// <summary>A user struct with a nested record struct, built member by member; one value in two members.</summary>
                [Differentiable(Forward = true)]
                public static Body Moved(Body b, double t)
                {
                    double s = b.Mass * t;
                    var r = new Body { Mass = s, At = new Point2(s, b.At.Y + t * t) };
                    return r;
                }

                /// <summary>A Jacobian over an array parameter and a float scalar: its columns are x's elements, then k.</summary>
                [Differentiable(Jacobian = true)]
                public static (double, double) Moments(double[] x, float k)
                {
                    double s = 0, q = 0;
                    for (int i = 0; i < x.Length; i++) { s += k * x[i]; q += x[i] * x[i]; }
                    return (s, q);
                }

                /// <summary>A scalar result: its Jacobian is the gradient (one row).</summary>
                [Differentiable(Jacobian = true)]
                public static float Rotated(Vector2 v, float angle) => Rotate(v, angle).X * v.Y;

                /// <summary>Reverse mode only.</summary>
                [Differentiable]
                public static Vector2 Rotate(Vector2 v, float angle) =>
                    new Vector2(v.X * MathF.Cos(angle) - v.Y * MathF.Sin(angle), v.X * MathF.Sin(angle) + v.Y * MathF.Cos(angle));
            }
        }
        """;
}
