namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>[Differentiable] methods over System.Numerics vectors and user structs, as practitioners write them.</summary>
internal static class StructExamples
{
    public const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace Structs
        {
            public record struct Projectile(double X, double Y);

            public struct Segment
            {
                public Point2 Start;
                public Point2 End;
            }

            public struct Point2
            {
                public double X;
                public double Y;
            }

            public static partial class Physics
            {
                /// <summary>2-link arm: squared distance from the end effector to a target.</summary>
                [Differentiable]
                public static float ArmDistance(float theta1, float theta2, Vector2 target)
                {
                    var elbow = new Vector2(MathF.Cos(theta1), MathF.Sin(theta1)) * 1.5f;
                    var hand = elbow + 0.8f * new Vector2(MathF.Cos(theta1 + theta2), MathF.Sin(theta1 + theta2));
                    return Vector2.DistanceSquared(hand, target);
                }

                /// <summary>A projectile stepped with drag: the record struct's state reassigned in a loop.</summary>
                [Differentiable]
                public static double Range(Projectile velocity, double drag, int steps)
                {
                    var position = new Projectile(0, 0);
                    var v = velocity;
                    for (int i = 0; i < steps; i++)
                    {
                        position = position with { X = position.X + 0.1 * v.X, Y = position.Y + 0.1 * v.Y };
                        v = new Projectile(v.X * (1 - drag * 0.1), v.Y - 0.981 - drag * 0.1 * v.Y);
                    }
                    return position.X + position.Y * position.Y;
                }

                [Differentiable]
                public static float Lengths(Vector3 a, Vector3 b)
                {
                    var n = Vector3.Normalize(a);
                    var c = Vector3.Cross(n, b);
                    return c.Length() + Vector3.Dot(a, b) + n.X * b.LengthSquared() - Vector3.Distance(a, b);
                }

                [Differentiable]
                public static float Mix(Vector2 a, Vector2 b, float t)
                {
                    var m = Vector2.Lerp(a, b, t);
                    var lo = Vector2.Min(a, b);
                    var hi = Vector2.Max(a, -b);
                    var s = Vector2.Abs(a - b) / 2f;
                    return m.X * m.Y + lo.X - hi.Y + s.X + s.Y;
                }

                [Differentiable]
                public static double Members(Point2 p, double k)
                {
                    Point2 q;
                    q.X = p.X * k;
                    q.Y = p.Y;
                    q.Y += p.X;
                    q.X *= 2;
                    var r = new Point2 { X = q.Y, Y = q.X * q.X };
                    return r.X * r.Y + q.Y;
                }

                [Differentiable]
                public static double Nested(Segment s)
                {
                    var d = new Point2 { X = s.End.X - s.Start.X, Y = s.End.Y - s.Start.Y };
                    var moved = s;
                    moved.Start.X += 1;
                    return Math.Sqrt(d.X * d.X + d.Y * d.Y) * moved.Start.X;
                }

                [Differentiable]
                public static float Branches(Vector2 a, float x)
                {
                    var v = a * x;
                    if (v.X > 0) v += new Vector2(1, 2);
                    else v = -v;
                    var w = x > 1 ? v : a;
                    float acc = 0;
                    for (int i = 0; i < 3; i++)
                    {
                        v *= 0.5f;
                        acc += Vector2.Dot(v, w);
                    }
                    return acc + v.Length();
                }

                [Differentiable]
                public static float Switched(Vector2 v, float k)
                {
                    var w = v;
                    switch ((int)k)
                    {
                        case 1: w.Y = k * w.X; break;
                        default: w = -w; break;
                    }
                    return w.X * w.Y;
                }

                [Differentiable]
                public static float Wide(Vector4 v, Vector3 a)
                {
                    var q = new Vector4(a, 1f) + v / 2f;
                    q.W -= Vector3.Dot(a, a);
                    return q.LengthSquared() + Vector4.Distance(q, v);
                }

                [Differentiable]
                public static double Constants(Point2 p, [NoDiff] Vector2 fixedOffset)
                {
                    var c = new Point2 { X = 2, Y = 3 };
                    var unit = Vector2.UnitX + fixedOffset;
                    return p.X * c.X + p.Y * c.Y * unit.X + unit.Length();
                }
            }
        }
        """;
}
