namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>
    /// Vector-valued methods: a Vector2 result (MBackward takes <c>Vector2 dResult</c>, no default; MForward sets
    /// <c>out Vector2 tResult</c>), a tuple result, a user struct built member by member, and a method that passes structs
    /// through calls to them (their Backwards take ref struct adjoints and a struct dResult).
    /// </summary>
    public static class Vectors
    {
        public const string Source = """
            using System;
            using System.Numerics;
            using AutoDiffGen;

            namespace Golden.Vectors
            {
                public struct Polar
                {
                    public double R;
                    public double Theta;
                }

                public static partial class Arm
                {
                    /// The end effector of a 2-link arm: its Jacobian's rows by MBackward, its columns by MForward, all of it by MJacobian.
                    [Differentiable(Forward = true, Jacobian = true)]
                    public static Vector2 Hand(float a, float b) =>
                        new Vector2(1.5f * MathF.Cos(a) + 0.8f * MathF.Cos(a + b), 1.5f * MathF.Sin(a) + 0.8f * MathF.Sin(a + b));

                    /// A tuple of reals.
                    [Differentiable]
                    public static (double, double) ToCartesian(double r, double theta) => (r * Math.Cos(theta), r * Math.Sin(theta));

                    /// A struct parameter in and a user struct out, in forward mode too.
                    [Differentiable(Forward = true)]
                    public static Polar ToPolar(Vector2 p) => new Polar { R = Math.Sqrt(p.X * p.X + p.Y * p.Y), Theta = Math.Atan2(p.Y, p.X) };

                    /// Structs through calls: Hand's Vector2 goes to ToPolar, whose Polar result is read member by member.
                    [Differentiable(Forward = true)]
                    public static double Reach(float a, float b, Vector2 target)
                    {
                        Polar q = ToPolar(Hand(a, b) - target);
                        return q.R * q.R + 0.1 * q.Theta;
                    }
                }
            }
            """;
    }
}
